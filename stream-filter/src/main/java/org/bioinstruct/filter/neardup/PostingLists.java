package org.bioinstruct.filter.neardup;

import java.util.Arrays;

/**
 * Postings by element, an element being a (token id, occurrence) pair packed in a long. A posting packs
 * the document number with the element's position in the document's order and the document's length,
 * so the length and position filters run on the list itself, without touching the document. Open
 * addressing over primitive arrays: a boxed map would cost more than the postings themselves.
 */
final class PostingLists {
    private static final int EMPTY = -1;
    /** Stored for lengths and positions from here on: the document must be asked. */
    static final int LARGE = 0xFFFF;

    private long[] keys = new long[1024];
    private int[] listOfSlot = new int[1024];
    private long[][] lists = new long[512][];
    private int[] sizes = new int[512];
    private int listCount;
    private long postings;
    private long listBytes;

    PostingLists() {
        Arrays.fill(listOfSlot, EMPTY);
    }

    static long element(int tokenId, int occurrence) {
        return ((long) tokenId << 32) | occurrence;
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

    void add(long element, long posting) {
        int list = listOf(element);
        if (list == EMPTY) {
            list = newList(element);
        }
        long[] entries = lists[list];
        int size = sizes[list];
        if (size == entries.length) {
            int grown = size < 8 ? size * 2 : size + (size >> 1);
            listBytes += 8L * (grown - size);
            entries = lists[list] = Arrays.copyOf(entries, grown);
        }
        entries[size] = posting;
        sizes[list] = size + 1;
        postings++;
    }

    /** The list number of an element, or -1 when no document has it. */
    int listOf(long element) {
        int mask = keys.length - 1;
        for (int i = slot(element, mask); ; i = (i + 1) & mask) {
            if (listOfSlot[i] == EMPTY || keys[i] == element) {
                return listOfSlot[i];
            }
        }
    }

    long[] postings(int list) {
        return lists[list];
    }

    int size(int list) {
        return sizes[list];
    }

    long postings() {
        return postings;
    }

    long approximateBytes() {
        return 12L * keys.length + 8L * lists.length + listCount * 16L + listBytes;
    }

    private int newList(long element) {
        if (listCount == lists.length) {
            lists = Arrays.copyOf(lists, listCount * 2);
            sizes = Arrays.copyOf(sizes, listCount * 2);
        }
        if (2 * (listCount + 1) > keys.length) {
            rehash(keys.length * 2);
        }
        int list = listCount++;
        lists[list] = new long[2];
        listBytes += 16;
        put(element, list);
        return list;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldLists = listOfSlot;
        keys = new long[capacity];
        listOfSlot = new int[capacity];
        Arrays.fill(listOfSlot, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldLists[i] != EMPTY) {
                put(oldKeys[i], oldLists[i]);
            }
        }
    }

    private void put(long element, int list) {
        int mask = keys.length - 1;
        int i = slot(element, mask);
        while (listOfSlot[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = element;
        listOfSlot[i] = list;
    }

    private static int slot(long element, int mask) {
        long h = element * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
