package org.bioinstruct.schemas.text;

import java.util.List;

/**
 * ROUGE-L F-measure with beta 1, as Google's {@code rouge_score} defines it (no stemming), the one definition
 * the filter's near-duplicate rule and the evaluator's GEN score share: texts become tokens by
 * {@link RougeTokenizer}, P = LCS / |candidate|, R = LCS / |reference|, F = 2PR / (P + R) = 2 LCS / (m + n).
 * Symmetric, and 0 when either side has no tokens.
 *
 * <p>Computed as the single division 2 LCS / (m + n), which is correctly rounded, so a pair exactly at a
 * decimal threshold compares equal to it: 7 common tokens out of 8 and 12 gives 0.7 and is not above
 * 0.7. rouge_score's three roundings give 0.7000000000000001 for 434 of the 940 pairs with m, n <= 200
 * that are exactly 0.7, so Self-Instruct rejects those by rounding noise; values differ by at most
 * an ulp or two, and only such exact ties can decide differently.
 *
 * <p>The LCS here is the textbook dynamic program: the reference. The filter's index computes the same LCS
 * bit-parallel and is tested against this one.
 */
public final class RougeL {
    private RougeL() {
    }

    /** ROUGE-L F of two texts. */
    public static double fMeasure(String candidate, String reference) {
        List<String> c = RougeTokenizer.tokens(candidate);
        List<String> r = RougeTokenizer.tokens(reference);
        return fromLcs(lcs(c, r), r.size(), c.size());
    }

    /** ROUGE-L F of two token id sequences. */
    public static double fMeasure(int[] a, int[] b) {
        return a.length == 0 || b.length == 0 ? 0.0 : fromLcs(lcs(a, b), a.length, b.length);
    }

    /** F from the LCS length and the two token counts. */
    public static double fromLcs(int lcs, int referenceLength, int candidateLength) {
        return lcs == 0 ? 0.0 : 2.0 * lcs / ((long) referenceLength + candidateLength);
    }

    /** Length of the longest common subsequence of two token id sequences: O(m n) time, two rows of memory. */
    public static int lcs(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int token : a) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = token == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    /** Length of the longest common subsequence of two token lists. */
    public static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String token : a) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = token.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
