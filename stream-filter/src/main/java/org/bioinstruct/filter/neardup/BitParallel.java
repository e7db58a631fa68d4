package org.bioinstruct.filter.neardup;

/**
 * The multi-word step of the bit-parallel LCS (Allison-Dix / Hyyrö), shared by {@link LcsPattern} and
 * {@link DenseLcs}: one row of the DP table per text token, the addition carried across 64-bit words.
 */
final class BitParallel {
    private BitParallel() {
    }

    /** Advances the state {@code v} by one text token whose match masks start at {@code masks[base]}. */
    static void step(long[] v, long[] masks, int base, int words) {
        long carry = 0;
        for (int w = 0; w < words; w++) {
            long x = v[w];
            long u = x & masks[base + w];
            long sum = x + u + carry;
            carry = ((x & u) | ((x | u) & ~sum)) >>> 63;
            v[w] = sum | (x & ~u);
        }
    }

    /** The LCS length from the final state: the pattern positions whose bit was cleared. */
    static int lcs(long[] v, int words, int patternLength) {
        int ones = 0;
        for (int w = 0; w < words - 1; w++) {
            ones += Long.bitCount(v[w]);
        }
        int topBits = patternLength - ((words - 1) << 6);
        ones += Long.bitCount(v[words - 1] & (topBits == 64 ? -1L : (1L << topBits) - 1));
        return patternLength - ones;
    }
}
