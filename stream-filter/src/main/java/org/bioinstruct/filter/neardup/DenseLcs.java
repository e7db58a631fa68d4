package org.bioinstruct.filter.neardup;

import java.util.Arrays;

/**
 * Bit-parallel LCS (as in {@link LcsPattern}) for token ids that are dense from 0, with the match masks
 * in one reusable array indexed by token id: no hashing and no branch per token, which is what makes
 * comparing one query with thousands of texts cheap. Load a pattern, compare, unload; pattern tokens
 * below 0 are skipped (they match nothing), and texts must hold ids in [0, alphabet size).
 */
final class DenseLcs {
    private long[] masks = new long[0];
    private long[] state = new long[1];
    private int[] pattern = new int[0];
    private int words;

    void load(int[] pattern, int alphabetSize) {
        this.pattern = pattern;
        this.words = Math.max(1, (pattern.length + 63) >>> 6);
        if (masks.length < (long) alphabetSize * words) {
            masks = new long[Math.max(alphabetSize * words, masks.length * 2)];
        }
        if (state.length < words) {
            state = new long[words];
        }
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] >= 0) {
                masks[pattern[i] * words + (i >>> 6)] |= 1L << (i & 63);
            }
        }
    }

    long approximateBytes() {
        return 16 + 8L * masks.length;
    }

    void unload() {
        for (int token : pattern) {
            if (token >= 0) {
                Arrays.fill(masks, token * words, token * words + words, 0L);
            }
        }
        pattern = new int[0];
    }

    int lcs(int[] text) {
        int length = pattern.length;
        if (length == 0 || text.length == 0) {
            return 0;
        }
        if (words == 1) {
            long v = -1L;
            for (int token : text) {
                long u = v & masks[token];
                v = (v + u) | (v - u);
            }
            return length - Long.bitCount(v & (length == 64 ? -1L : (1L << length) - 1));
        }
        return lcsMultiWord(text, length);
    }

    private int lcsMultiWord(int[] text, int length) {
        long[] v = state;
        Arrays.fill(v, 0, words, -1L);
        for (int token : text) {
            BitParallel.step(v, masks, token * words, words);
        }
        return BitParallel.lcs(v, words, length);
    }
}
