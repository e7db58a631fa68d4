package org.bioinstruct.filter.neardup;

/**
 * Length of the longest common subsequence of two token id sequences, bit-parallel: the filter's fast kernel.
 * The reference it is tested against is {@link org.bioinstruct.schemas.text.RougeL#lcs(int[], int[])}.
 */
public final class Lcs {
    private Lcs() {
    }

    /** Allison-Dix / Hyyrö bit-parallel LCS, O(n ceil(m / 64)) time; see {@link LcsPattern}. */
    public static int bitParallel(int[] a, int[] b) {
        return LcsPattern.of(a).lcs(b);
    }
}
