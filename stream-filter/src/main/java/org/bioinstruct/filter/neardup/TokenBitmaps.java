package org.bioinstruct.filter.neardup;

import java.util.Arrays;

/**
 * Per document, a 256-bit map of its tokens (one bit per token, by a hash of its id): with a query's
 * {@link SuffixCounts} over the same bits, an upper bound on the overlap of a document with any suffix of
 * the query. Fuller than the 64-bit signature of a posting, it filters best what that one lets through:
 * a token the document lacks passes only when its bit collides with one of the document's.
 */
final class TokenBitmaps {
    static final int WORDS = 4;
    static final int BITS = 64 * WORDS;
    private long[] words = new long[WORDS * 1024];

    /** A token's bit, in [0, {@link #BITS}). */
    static int bit(int token) {
        return (token * 0x85EBCA6B) >>> 24;
    }

    void set(int document, int[] tokens) {
        int at = document * WORDS;
        if (at + WORDS > words.length) {
            words = Arrays.copyOf(words, Math.max(at + WORDS, words.length + (words.length >> 1)));
        }
        for (int token : tokens) {
            int bit = bit(token);
            words[at + (bit >>> 6)] |= 1L << bit;
        }
    }

    /** The document's map, as {@link #WORDS} words from {@code offset(document)} in {@link #words()}. */
    long[] words() {
        return words;
    }

    static int offset(int document) {
        return document * WORDS;
    }

    long approximateBytes() {
        return 8L * words.length;
    }
}
