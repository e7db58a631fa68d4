package org.bioinstruct.generator;

import java.util.Locale;

/**
 * What makes two tasks the same task: instruction and input, lowercased, without punctuation or symbols,
 * with whitespace collapsed (the normalization the filter's exact dedup applies). A single pass over the
 * characters: this runs for every generated task.
 */
public final class ContentKey {

    private ContentKey() {
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    public static String of(String instruction, String input) {
        return normalize(instruction) + "\u0000" + normalize(input);
    }

    /**
     * A 64-bit FNV-1a hash of {@link #of}, computed without building the normalized strings: the same
     * content always hashes the same; distinct contents collide with negligible probability.
     */
    public static long hash64(String instruction, String input) {
        long hash = normalizeInto(instruction, FNV_OFFSET);
        hash = mix(hash, '\u0000');
        return normalizeInto(input, hash);
    }

    static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        forEachNormalizedChar(text, out::append);
        return out.toString();
    }

    private static long normalizeInto(String text, long hash) {
        long[] state = {hash};
        forEachNormalizedChar(text, c -> state[0] = mix(state[0], c));
        return state[0];
    }

    static long mix(long hash, char c) {
        return (hash ^ c) * FNV_PRIME;
    }

    private interface CharSink {
        void accept(char c);
    }

    private static void forEachNormalizedChar(String text, CharSink sink) {
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
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
