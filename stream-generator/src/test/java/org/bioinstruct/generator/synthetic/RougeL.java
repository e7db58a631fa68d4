package org.bioinstruct.generator.synthetic;

import java.util.Arrays;
import java.util.Locale;

/**
 * ROUGE-L F-measure as the {@code rouge_score} package computes it: lowercase, every run of characters
 * other than {@code [a-z0-9]} becomes a space, tokens split on whitespace, F = 2 * LCS / (m + n).
 */
final class RougeL {
    private RougeL() {
    }

    static String[] tokens(String text) {
        String spaced = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        return spaced.isEmpty() ? new String[0] : spaced.split(" ");
    }

    static double f(String a, String b) {
        String[] x = tokens(a);
        String[] y = tokens(b);
        return f(lcsByDynamicProgramming(x, y), x.length, y.length);
    }

    static double f(int lcs, int m, int n) {
        return m + n == 0 ? 0 : 2.0 * lcs / (m + n);
    }

    /** The textbook O(m * n) table; the reference the bit-parallel version is checked against. */
    static <T> int lcsByDynamicProgramming(T[] x, T[] y) {
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (T token : x) {
            for (int j = 1; j <= y.length; j++) {
                current[j] = token.equals(y[j - 1]) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
            Arrays.fill(current, 0);
        }
        return previous[y.length];
    }

    /**
     * LCS length with Hyyrö's bit-vector recurrence V' = (V + (V & M)) | (V & ~M), one bit per position
     * of the pattern: {@code matches[t]} holds the pattern positions equal to the t-th token of the text.
     * The zero bits of V count the LCS.
     */
    static int lcsBitParallel(long[][] matches, int patternLength) {
        int words = (patternLength + 63) >>> 6;
        long[] v = new long[words];
        Arrays.fill(v, -1L);
        for (long[] m : matches) {
            if (m == null) {
                continue;
            }
            long carry = 0;
            for (int w = 0; w < words; w++) {
                long u = v[w] & m[w];
                long sum = v[w] + u + carry;
                carry = ((v[w] & u) | ((v[w] | u) & ~sum)) >>> 63;
                v[w] = sum | (v[w] & ~m[w]);
            }
        }
        int ones = 0;
        for (int w = 0; w < words; w++) {
            int bits = Math.min(64, patternLength - (w << 6));
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            ones += Long.bitCount(v[w] & mask);
        }
        return patternLength - ones;
    }
}
