package org.bioinstruct.schemas.text;

import java.util.Locale;

/**
 * What "the same content" means for exact dedup, shared by the generator (which avoids emitting accidental
 * repeats) and the filter (which rejects them): lowercase, drop punctuation and symbols (Unicode P* and
 * S*), collapse whitespace, trim. One pass over the characters, with an ASCII fast path: it runs for every
 * task.
 */
public final class ContentNormalization {

    /** Receives the normalized characters one by one. */
    @FunctionalInterface
    public interface CharSink {
        void accept(char c);
    }

    private ContentNormalization() {
    }

    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        forEachChar(text, out::append);
        return out.toString();
    }

    public static void forEachChar(String text, CharSink sink) {
        // Lowercasing ASCII char by char equals String.toLowerCase(ROOT); other text takes the exact route.
        String lower = isAscii(text) ? text : text.toLowerCase(Locale.ROOT);
        boolean started = false;
        boolean pendingSpace = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (isPunctuationOrSymbol(c)) {
                continue;
            }
            if (Character.isWhitespace(c)) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                sink.accept(' ');
                pendingSpace = false;
            }
            sink.accept(c);
            started = true;
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
