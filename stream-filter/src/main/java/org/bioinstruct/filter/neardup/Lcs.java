package org.bioinstruct.filter.neardup;

/** Length of the longest common subsequence of two token id sequences. */
public final class Lcs {
    private Lcs() {
    }

    /** The textbook dynamic program, O(m n) time, two rows of memory. */
    public static int dynamicProgramming(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            int token = a[i - 1];
            for (int j = 1; j <= b.length; j++) {
                current[j] = token == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    /** Allison-Dix / Hyyrö bit-parallel LCS, O(n ceil(m / 64)) time; see {@link LcsPattern}. */
    public static int bitParallel(int[] a, int[] b) {
        return LcsPattern.of(a).lcs(b);
    }
}
