package org.bioinstruct.generator.synthetic;

import java.util.Arrays;

/**
 * The test-side index's LCS kernel, checked against {@link org.bioinstruct.schemas.text.RougeL#lcs(int[], int[])}:
 * tokens and F-measure are the shared ones ({@link org.bioinstruct.schemas.text.RougeTokenizer},
 * {@link org.bioinstruct.schemas.text.RougeL}).
 */
final class BitParallelLcs {
    private BitParallelLcs() {
    }

    /**
     * LCS length with Hyyrö's bit-vector recurrence V' = (V + (V & M)) | (V & ~M), one bit per position
     * of the pattern: {@code matches[t]} holds the pattern positions equal to the t-th token of the text.
     * The zero bits of V count the LCS.
     */
    static int lcs(long[][] matches, int patternLength) {
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
