package org.bioinstruct.filter.neardup;

/**
 * A query's signature counts: for each position q of its order, how many of its elements from q on carry
 * each signature bit, held as {@link #PLANES} bit-planes (plane k has the bits whose count has
 * bit k set), so the number of those elements whose bit is in a posting's signature, an upper bound on
 * what the posting's document can share with them, is a few popcounts. Elements past the 15th of one bit
 * are not in the planes: {@link #excess} counts them, as if always present. The bits span {@code words}
 * 64-bit words: one for a posting's signature, {@link TokenBitmaps#WORDS} for a document's token map.
 */
final class SuffixCounts {
    static final int PLANES = 4;
    /** An element's bit when no document has its token: it can match nothing and is not counted. */
    static final int NO_BIT = -1;

    /** Word w of plane k of position q at {@code (q * PLANES + k) * words + w}. */
    final long[] planes;
    final int[] excess;
    private final int words;

    /** @param bits the signature bit of each element of the query's order, or {@link #NO_BIT} */
    SuffixCounts(int[] bits) {
        this(bits, 1);
    }

    SuffixCounts(int[] bits, int words) {
        this.words = words;
        int length = bits.length;
        int perPosition = PLANES * words;
        planes = new long[(length + 1) * perPosition];
        excess = new int[length + 1];
        int[] held = new int[64 * words];
        for (int q = length - 1; q >= 0; q--) {
            System.arraycopy(planes, (q + 1) * perPosition, planes, q * perPosition, perPosition);
            excess[q] = excess[q + 1];
            int bit = bits[q];
            if (bit == NO_BIT) {
                continue;
            }
            int count = ++held[bit];
            if (count < 1 << PLANES) {
                long mask = 1L << bit;
                for (int k = 0; k < PLANES; k++) {
                    int at = (q * PLANES + k) * words + (bit >>> 6);
                    planes[at] = (planes[at] & ~mask) | ((count >>> k & 1L) << bit);
                }
            } else {
                excess[q]++;
            }
        }
    }

    /** The query's elements from position q on whose bits are in {@code signature} (one-word counts only). */
    int admitted(long signature, int q) {
        int at = q * PLANES;
        return excess[q] + Long.bitCount(signature & planes[at]) + 2 * Long.bitCount(signature & planes[at + 1])
                + 4 * Long.bitCount(signature & planes[at + 2]) + 8 * Long.bitCount(signature & planes[at + 3]);
    }

    /** The query's elements from position q on whose bits are in the {@code words}-word map at {@code map[from]}. */
    int admitted(long[] map, int from, int q) {
        int count = excess[q];
        int at = q * PLANES * words;
        for (int k = 0; k < PLANES; k++) {
            int inPlane = 0;
            for (int w = 0; w < words; w++) {
                inPlane += Long.bitCount(map[from + w] & planes[at + k * words + w]);
            }
            count += inPlane << k;
        }
        return count;
    }

    /** A token's bit in a posting's 64-bit signature. */
    static int bit(int token) {
        return (token * 0x9E3779B9) >>> 26;
    }

    /** The signatures (bits of the elements from each position on) of positions below {@code prefix}. */
    static long[] suffixSignatures(int[] tokens, int prefix) {
        long[] signatures = new long[prefix];
        long signature = 0;
        for (int i = tokens.length - 1; i >= 0; i--) {
            signature |= 1L << bit(tokens[i]);
            if (i < prefix) {
                signatures[i] = signature;
            }
        }
        return signatures;
    }
}
