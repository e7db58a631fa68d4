package org.bioinstruct.filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * The exact-duplicate key: the first 128 bits of SHA-256 over instruction and input, each lowercased,
 * stripped of punctuation and symbols and with whitespace collapsed. Equal content always hashes equal, so
 * it always lands on the same partition; the key has a fixed size (32 hex characters), which bounds the
 * dedup state per task.
 */
public final class ContentHash {
    private static final int KEY_BYTES = 16;

    private ContentHash() {
    }

    public static String of(RawInstruction task) {
        return of(task.getInstruction(), task.getInput());
    }

    public static String of(String instruction, String input) {
        String content = normalize(instruction) + "\u0000" + normalize(input);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, KEY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Lowercase, drop punctuation and symbols, collapse whitespace, trim: one pass, it runs for every task. */
    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean pendingSpace = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (isPunctuationOrSymbol(c)) {
                continue;
            }
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isPunctuationOrSymbol(char c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
