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
    /** Stored for lengths and positions from here on: the document must be asked. */
    static final int LARGE = 0xFFFF;

    /**
     * Open addressing with the keys and their lists in parallel arrays: a lookup's two loads have addresses
     * known from the hash alone, so they are in flight together instead of one waiting for the other.
     * Per list (null: a free slot): its size in entries[0], then (from 1) the signatures of its postings,
     * then (from {@link #postingOffset}) the postings in the same order: a search reads the size and the
     * signatures, and a posting only for the few signatures that pass.
     */
    private long[] keys = new long[1024];
    private long[][] slotLists = new long[1024][];
    private int listCount;
    private long postings;
    private long listBytes;

    PostingLists() {
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
        // no rehash between the lookups and the appends, so the slots found stay valid
        ensureRoom(listCount + elements.length);
        int[] found = new int[elements.length];
        for (int i = 0; i < elements.length; i++) {
            found[i] = slotOf(elements[i]);
        }
        for (int i = 0; i < elements.length; i++) {
            append(found[i], elements[i], postings[i], signatures[i]);
        }
    }

    /** Appends a posting and its 64-bit signature to an element's list, creating the list if needed. */
    private void append(int slot, long element, long posting, long signature) {
        if (slotLists[slot] != null && keys[slot] != element) {
            slot = slotOf(element); // another new list of this document took the free slot found
        }
        long[] entries = slotLists[slot];
        if (entries == null) {
            entries = slotLists[slot] = new long[1 + 2 * 2];
            keys[slot] = element;
            listCount++;
            listBytes += 16 + 8 * 5;
        }
        int size = (int) entries[0];
        int capacity = capacity(entries);
        if (size == capacity) {
            int grown = size < 8 ? 2 * size : size + (size >> 1);
            listBytes += 16L * (grown - size);
            long[] larger = new long[1 + 2 * grown];
            System.arraycopy(entries, 0, larger, 0, 1 + size);
            System.arraycopy(entries, 1 + capacity, larger, 1 + grown, size);
            entries = slotLists[slot] = larger;
            capacity = grown;
        }
        entries[1 + size] = signature;
        entries[1 + capacity + size] = posting;
        entries[0] = size + 1;
        postings++;
    }

    /** Postings a list's entries have room for. */
    static int capacity(long[] entries) {
        return (entries.length - 1) / 2;
    }

    /** Where a list's postings start in its entries: the i-th posting is at postingOffset + i, its signature at 1 + i. */
    static int postingOffset(long[] entries) {
        return 1 + capacity(entries);
    }

    /** The entries of an element's list (size, signatures, postings), or null when no document has it. */
    long[] entriesOf(long element) {
        return slotLists[slotOf(element)];
    }

    long postings() {
        return postings;
    }

    long approximateBytes() {
        // a key and a compressed reference per slot, the lists' headers and entries
        return 12L * keys.length + listBytes;
    }

    /** The slot holding the element, or the free slot where it would go. */
    private int slotOf(long element) {
        int mask = keys.length - 1;
        for (int i = slot(element, mask); ; i = (i + 1) & mask) {
            if (slotLists[i] == null || keys[i] == element) {
                return i;
            }
        }
    }

    /** Keeps the load at most one half once {@code lists} lists are held. */
    private void ensureRoom(int lists) {
        int slots = keys.length;
        while (2L * lists > slots) {
            slots *= 2;
        }
        if (slots == keys.length) {
            return;
        }
        long[] oldKeys = keys;
        long[][] oldLists = slotLists;
        keys = new long[slots];
        slotLists = new long[slots][];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldLists[i] != null) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                slotLists[slot] = oldLists[i];
            }
        }
    }

    /**
     * The home slot of an element: a hash of everything but its rest bucket, plus the rest bucket, so the
     * lists of one (token, occurrence, length bucket), which a search looks up together, sit in adjacent
     * slots and share the cache lines of both arrays.
     */
    private static int slot(long element, int mask) {
        long h = (element & ~REST_BUCKET_BITS) * 0x9E3779B97F4A7C15L;
        return ((int) (h >>> 32) + (int) ((element & REST_BUCKET_BITS) >>> 18)) & mask;
    }

    /** Where {@link #element} keeps the rest bucket (the low 7 bits of the bucket, above the occurrence). */
    private static final long REST_BUCKET_BITS = 0x7FL << 18;
}
