package org.bioinstruct.filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * The exact-duplicate key: SHA-256 of instruction and input, each lowercased, stripped of punctuation and
 * with whitespace collapsed. Equal content always hashes equal, so it always lands on the same partition.
 */
public final class ContentHash {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ContentHash() {
    }

    public static String of(RawInstruction task) {
        return of(task.getInstruction(), task.getInput());
    }

    public static String of(String instruction, String input) {
        String content = normalize(instruction) + "\u0000" + normalize(input);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(PUNCTUATION.matcher(lower).replaceAll("")).replaceAll(" ").strip();
    }
}
