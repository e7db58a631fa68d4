package org.bioinstruct.generator.corpus;

import java.util.List;
import java.util.Set;

/**
 * Joins tokenized text back into readable text: no space before closing punctuation, after opening
 * brackets, or around hyphens ({@code follow - up} -> {@code follow-up}).
 */
final class Tokens {
    private static final Set<String> NO_SPACE_BEFORE = Set.of(",", ".", ";", ":", ")", "]", "}", "%", "?", "!", "-");
    private static final Set<String> NO_SPACE_AFTER = Set.of("(", "[", "{", "-");

    private Tokens() {
    }

    static String join(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        String previous = null;
        for (String token : tokens) {
            if (previous != null && !NO_SPACE_BEFORE.contains(token) && !NO_SPACE_AFTER.contains(previous)) {
                text.append(' ');
            }
            text.append(token);
            previous = token;
        }
        return text.toString();
    }
}
