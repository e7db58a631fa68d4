package org.bioinstruct.generator;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes two tasks the same task: instruction and input, lowercased, without punctuation, with
 * whitespace collapsed (the normalization the filter's exact dedup applies).
 */
public final class ContentKey {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ContentKey() {
    }

    public static String of(String instruction, String input) {
        return normalize(instruction) + "\u0000" + normalize(input);
    }

    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(PUNCTUATION.matcher(lower).replaceAll("")).replaceAll(" ").trim();
    }
}
