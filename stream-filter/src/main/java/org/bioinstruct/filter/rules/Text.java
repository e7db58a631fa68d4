package org.bioinstruct.filter.rules;

/** Single-pass measurements over a string's code points, allocation-free. */
final class Text {
    static final int NOT_FOUND = -1;
    private static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /** Bytes the string takes as UTF-8; an unpaired surrogate counts as the 1 byte ('?') Java writes for it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Index of the first sign of text that was not valid UTF-8: a U+FFFD replacement character (what Avro's
     * and Java's decoders put in place of malformed bytes) or an unpaired surrogate (which no UTF-8 encodes).
     */
    static int firstMalformed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == REPLACEMENT) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return NOT_FOUND;
    }

    /** Index of the first control character (Unicode category Cc) other than tab, line feed and carriage return. */
    static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // every Cc code point is in the BMP, so chars suffice
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return NOT_FOUND;
    }

    /** Words separated by Unicode whitespace (no-break spaces included), as Python's {@code str.split()} counts. */
    static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
            i += Character.charCount(cp);
        }
        return words;
    }

    /** The first code point that is not whitespace, or {@link #NOT_FOUND} for a blank string. */
    static int firstVisibleCodePoint(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return NOT_FOUND;
    }

    static String codePointName(int cp) {
        return String.format("U+%04X", cp);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** The end of the text, where a cut-off shows. */
    static String tail(String text) {
        return text.length() <= 80 ? text : "..." + text.substring(text.length() - 77);
    }
}
