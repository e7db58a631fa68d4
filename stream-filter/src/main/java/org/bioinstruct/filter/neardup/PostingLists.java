package org.bioinstruct.filter.neardup;

import java.util.Arrays;

/**
 * Document numbers by element, an element being a (token id, occurrence) pair packed in a long. Open
 * addressing over primitive arrays: a boxed map would cost more than the postings themselves.
 */
final class PostingLists {
    private static final int EMPTY = -1;

    private long[] keys = new long[1024];
    private int[] listOfSlot = new int[1024];
    private int[][] lists = new int[512][];
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

    void add(long element, int document) {
        int list = listOf(element);
        if (list == EMPTY) {
            list = newList(element);
        }
        int[] docs = lists[list];
        int size = sizes[list];
        if (size == docs.length) {
            int grown = size < 8 ? size * 2 : size + (size >> 1);
            listBytes += 4L * (grown - size);
            docs = lists[list] = Arrays.copyOf(docs, grown);
        }
        docs[size] = document;
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

    int[] documents(int list) {
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
        lists[list] = new int[2];
        listBytes += 8;
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
