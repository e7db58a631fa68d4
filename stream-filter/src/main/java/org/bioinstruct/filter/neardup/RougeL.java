package org.bioinstruct.filter.neardup;

/**
 * ROUGE-L F-measure with beta 1, as rouge_score defines it: P = LCS / |candidate|, R = LCS / |reference|,
 * F = 2PR / (P + R) = 2 LCS / (m + n). Symmetric, and 0 when either side has no tokens.
 *
 * <p>Computed as the single division 2 LCS / (m + n), which is correctly rounded, so a pair exactly at a
 * decimal threshold compares equal to it: 7 common tokens out of 8 and 12 gives 0.7 and is not above
 * 0.7. rouge_score's three roundings give 0.7000000000000001 for 434 of the 940 pairs with m, n <= 200
 * that are exactly 0.7, so Self-Instruct rejects those by rounding noise; values differ by at most
 * an ulp or two, and only such exact ties can decide differently.
 */
public final class RougeL {
    private RougeL() {
    }

    public static double fMeasure(int[] a, int[] b) {
        return a.length == 0 || b.length == 0 ? 0.0 : fromLcs(Lcs.bitParallel(a, b), a.length, b.length);
    }

    public static double fromLcs(int lcs, int referenceLength, int candidateLength) {
        return lcs == 0 ? 0.0 : 2.0 * lcs / ((long) referenceLength + candidateLength);
    }
}
