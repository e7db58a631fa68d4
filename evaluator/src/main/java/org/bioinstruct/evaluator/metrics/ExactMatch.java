package org.bioinstruct.evaluator.metrics;

import java.util.Locale;

/**
 * Exact match after SQuAD's answer normalization: lowercase, punctuation removed, the articles a/an/the
 * dropped and whitespace collapsed.
 */
public final class ExactMatch {
    private ExactMatch() {
    }

    public static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\p{Punct}", " ");
        return lower.replaceAll("\\b(a|an|the)\\b", " ").trim().replaceAll("\\s+", " ");
    }

    public static boolean matches(String prediction, String answer) {
        return normalize(prediction).equals(normalize(answer));
    }
}
