package org.bioinstruct.filter.neardup;

import java.util.Arrays;

/**
 * One sequence compiled for bit-parallel LCS against many others (Allison and Dix 1986, in Hyyrö's
 * formulation): bit i of V is 0 where row i of the LCS table steps up, so LCS = zero bits of V after
 * V = (V + (V & M[c])) | (V & ~M[c]) for every token c of the other sequence, M[c] marking where c occurs
 * in the pattern. Patterns longer than 64 tokens use several words and carry the addition across them.
 */
public final class LcsPattern {
    private static final int EMPTY = -1;

    private final int length;
    private final int words;
    private final int[] keys;
    private final int[] slots;
    private final long[] masks;
    private final long[] state;

    private LcsPattern(int[] pattern) {
        this.length = pattern.length;
        this.words = Math.max(1, (pattern.length + 63) >>> 6);
        int capacity = Integer.highestOneBit(Math.max(4, pattern.length) * 2 - 1) << 1;
        this.keys = new int[capacity];
        this.slots = new int[capacity];
        Arrays.fill(slots, EMPTY);
        long[] masks = new long[words * Math.max(1, pattern.length)];
        int distinct = 0;
        for (int i = 0; i < pattern.length; i++) {
            int slot = slot(pattern[i]);
            if (slot == EMPTY) {
                slot = distinct++;
                insert(pattern[i], slot);
            }
            masks[slot * words + (i >>> 6)] |= 1L << (i & 63);
        }
        this.masks = Arrays.copyOf(masks, distinct * words);
        this.state = new long[words];
    }

    public static LcsPattern of(int[] pattern) {
        return new LcsPattern(pattern);
    }

    public int length() {
        return length;
    }

    public int lcs(int[] text) {
        if (length == 0 || text.length == 0) {
            return 0;
        }
        return words == 1 ? lcsSingleWord(text) : lcsMultiWord(text);
    }

    private int lcsSingleWord(int[] text) {
        long v = -1L;
        for (int token : text) {
            int slot = slot(token);
            if (slot != EMPTY) {
                long u = v & masks[slot];
                v = (v + u) | (v - u);
            }
        }
        long used = length == 64 ? -1L : (1L << length) - 1;
        return length - Long.bitCount(v & used);
    }

    private int lcsMultiWord(int[] text) {
        long[] v = state;
        Arrays.fill(v, -1L);
        for (int token : text) {
            int slot = slot(token);
            if (slot != EMPTY) {
                BitParallel.step(v, masks, slot * words, words);
            }
        }
        return BitParallel.lcs(v, words, length);
    }

    private int slot(int token) {
        int mask = keys.length - 1;
        for (int i = mix(token) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == EMPTY || keys[i] == token) {
                return slots[i];
            }
        }
    }

    private void insert(int token, int slot) {
        int mask = keys.length - 1;
        int i = mix(token) & mask;
        while (slots[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = token;
        slots[i] = slot;
    }

    private static int mix(int token) {
        int h = token * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
