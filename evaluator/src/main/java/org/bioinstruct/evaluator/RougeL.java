package org.bioinstruct.evaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L F1 with the semantics of Google's {@code rouge_score} (no stemming): text is lowercased, every run of
 * characters other than {@code a-z0-9} separates tokens, and precision and recall come from the longest common
 * subsequence of the token lists.
 */
public final class RougeL {
    private RougeL() {
    }

    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim().split(" ")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    public static double f1(String candidate, String reference) {
        List<String> c = tokenize(candidate);
        List<String> r = tokenize(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return 0.0;
        }
        int lcs = lcsLength(c, r);
        double precision = (double) lcs / c.size();
        double recall = (double) lcs / r.size();
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    }

    static int lcsLength(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] row = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                row[j] = x.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.size()];
    }
}
