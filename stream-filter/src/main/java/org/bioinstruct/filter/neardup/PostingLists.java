package org.bioinstruct.filter.neardup;

import java.util.Arrays;

/**
 * Postings by element, an element being a (token id, occurrence) pair packed in a long with a bucket of
 * (document length, elements from the posted one on), so that a search reads only the lists that can
 * pass its filters. Each posting comes with a 64-bit signature (stored apart from the postings) of the document's tokens from the posted
 * element on. A posting packs the document number with the element's position in the document's order
 * and the document's length, so the length, position and signature filters run on the list itself,
 * without touching the document. Open
 * addressing over primitive arrays: a boxed map would cost more than the postings themselves.
 */
final class PostingLists {
    private static final int EMPTY = -1;
    /** Stored for lengths and positions from here on: the document must be asked. */
    static final int LARGE = 0xFFFF;

    /** Open addressing, one slot = two longs: the element, then its list number (EMPTY: a free slot). */
    private long[] table = new long[2 * 1024];
    /**
     * Per list: its size in entries[0], then its postings from entries[1], then (from
     * {@link #signatureOffset}) their signatures in the same order: a search reads the signatures alone,
     * and a posting only for the few signatures that pass.
     */
    private long[][] lists = new long[512][];
    private int listCount;
    private long postings;
    private long listBytes;

    PostingLists() {
        clear(table);
    }

    /** Occurrences (earlier copies of the token in the text) a list key can hold. */
    static final int MAX_OCCURRENCE = (1 << 18) - 1;

    /**
     * A list key: the element (token id, occurrence, the latter at most {@link #MAX_OCCURRENCE}) and the
     * bucket of its postings, {@link #bucket}.
     */
    static long element(int tokenId, int occurrence, int bucket) {
        return ((long) tokenId << 32) | ((long) bucket << 18) | occurrence;
    }

    /**
     * The bucket of a posting of a document of {@code length} elements, {@code rest} of them from the
     * posted one on: each element's postings are split by both, so a search reads only the lists whose
     * lengths and rests can pass its filters.
     */
    static int bucket(int length, int rest) {
        return bucketOf(length) << 7 | bucketOf(rest);
    }

    /** One value per bucket below 8, then geometric by 1.25; non-decreasing, below 2^7. */
    static int bucketOf(int value) {
        return value < BUCKET_OF.length ? BUCKET_OF[value] : computeBucketOf(value);
    }

    /** The least value of the given bucket (or of the first bucket after it that some value has). */
    static int bucketStart(int bucket) {
        return BUCKET_START[bucket];
    }

    private static final byte[] BUCKET_OF = new byte[4096];
    private static final int[] BUCKET_START = new int[(1 << 7) + 1];

    static {
        for (int value = 0; value < BUCKET_OF.length; value++) {
            BUCKET_OF[value] = (byte) computeBucketOf(value);
        }
        Arrays.fill(BUCKET_START, Integer.MAX_VALUE);
        for (int bucket = BUCKET_START.length - 1; bucket >= 0; bucket--) {
            // a guess just below the bucket's least value, then up to it
            int value = bucket < 8 ? bucket
                    : (int) Math.min(Integer.MAX_VALUE, Math.max(8, Math.floor(8 * Math.pow(1.25, bucket - 8)) - 2));
            while (value < Integer.MAX_VALUE && computeBucketOf(value) < bucket) {
                value++;
            }
            BUCKET_START[bucket] = bucket + 1 < BUCKET_START.length ? Math.min(value, BUCKET_START[bucket + 1]) : value;
        }
    }

    private static int computeBucketOf(int value) {
        return value < 8 ? value : 8 + (int) (Math.log(value / 8.0) / Math.log(1.25));
    }

    static long posting(int document, int position, int length) {
        return ((long) document << 32) | ((long) Math.min(position, LARGE) << 16) | Math.min(length, LARGE);
    }

    static int document(long posting) {
        return (int) (posting >>> 32);
    }

    /** The element's position in the document's order, {@link #LARGE} standing for anything from there on. */
    static int position(long posting) {
        return (int) (posting >>> 16) & LARGE;
    }

    /** The document's length in tokens, {@link #LARGE} standing for anything from there on. */
    static int length(long posting) {
        return (int) posting & LARGE;
    }

    /**
     * Adds one document's postings, {@code postings[i]} with {@code signatures[i]} to the list of
     * {@code elements[i]}: all list lookups first, then all appends, so their cache misses overlap.
     */
    void addAll(long[] elements, long[] postings, long[] signatures) {
        int[] found = new int[elements.length];
        for (int i = 0; i < elements.length; i++) {
            found[i] = listOf(elements[i]);
        }
        for (int i = 0; i < elements.length; i++) {
            // a document's elements are distinct keys, so a list created here is never looked up again
            append(found[i], elements[i], postings[i], signatures[i]);
        }
    }

    /** Appends a posting and its 64-bit signature to an element's list, creating the list if needed. */
    private void append(int found, long element, long posting, long signature) {
        int list = found == EMPTY ? newList(element) : found;
        long[] entries = lists[list];
        int size = (int) entries[0];
        int capacity = capacity(entries);
        if (size == capacity) {
            int grown = size < 8 ? 2 * size : size + (size >> 1);
            listBytes += 16L * (grown - size);
            long[] larger = new long[1 + 2 * grown];
            System.arraycopy(entries, 0, larger, 0, 1 + size);
            System.arraycopy(entries, 1 + capacity, larger, 1 + grown, size);
            entries = lists[list] = larger;
            capacity = grown;
        }
        entries[1 + size] = posting;
        entries[1 + capacity + size] = signature;
        entries[0] = size + 1;
        postings++;
    }

    /** Postings a list's entries have room for. */
    static int capacity(long[] entries) {
        return (entries.length - 1) >>> 1;
    }

    /** Where a list's signatures start in its entries: the i-th posting's is at signatureOffset + i. */
    static int signatureOffset(long[] entries) {
        return 1 + capacity(entries);
    }

    /** The list number of an element, or -1 when no document has it. */
    int listOf(long element) {
        long[] slots = table;
        int mask = (slots.length >> 1) - 1;
        for (int i = slot(element, mask); ; i = (i + 1) & mask) {
            int list = (int) slots[2 * i + 1];
            if (list == EMPTY || slots[2 * i] == element) {
                return list;
            }
        }
    }

    /** The entries of an element's list ({@link #postings}), or null when no document has it. */
    long[] entriesOf(long element) {
        int list = listOf(element);
        return list < 0 ? null : lists[list];
    }

    /** A list's entries: the size in [0], the postings from [1], the signatures from {@link #signatureOffset}. */
    long[] postings(int list) {
        return lists[list];
    }

    int size(int list) {
        return (int) lists[list][0];
    }

    long postings() {
        return postings;
    }

    long approximateBytes() {
        return 8L * table.length + 8L * lists.length + listCount * 16L + listBytes;
    }

    private int newList(long element) {
        if (listCount == lists.length) {
            lists = Arrays.copyOf(lists, listCount * 2);
        }
        if (2 * (listCount + 1) > table.length >> 1) {
            rehash(table.length * 2);
        }
        int list = listCount++;
        lists[list] = new long[3];
        listBytes += 24;
        put(element, list);
        return list;
    }

    private void rehash(int longs) {
        long[] old = table;
        table = new long[longs];
        clear(table);
        for (int i = 0; i < old.length; i += 2) {
            if ((int) old[i + 1] != EMPTY) {
                put(old[i], (int) old[i + 1]);
            }
        }
    }

    private void put(long element, int list) {
        int mask = (table.length >> 1) - 1;
        int i = slot(element, mask);
        while ((int) table[2 * i + 1] != EMPTY) {
            i = (i + 1) & mask;
        }
        table[2 * i] = element;
        table[2 * i + 1] = list;
    }

    private static void clear(long[] slots) {
        for (int i = 1; i < slots.length; i += 2) {
            slots[i] = EMPTY;
        }
    }

    private static int slot(long element, int mask) {
        long h = element * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
