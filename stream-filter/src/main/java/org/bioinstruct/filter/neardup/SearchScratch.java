package org.bioinstruct.filter.neardup;

import java.util.Arrays;

/**
 * The reusable working memory of one search of {@link NearDuplicateIndex}: the lists it reads and the
 * candidates it merges, gathered in batches so the memory reads of a batch are issued together. A search
 * at a million texts waits on memory, not on arithmetic: issued one after another, each list's first read
 * and each candidate's first read would stall the search in turn; issued in a tight loop of independent
 * loads, the processor has many of them in flight at once.
 */
final class SearchScratch {
    private static final int LONGS_PER_LINE = 8;
    /** Candidates from which ordering them pays: fewer take longer to sort than to merge as they come. */
    private static final int SORTED_FROM = 64;
    int lists;
    long[] listKey = new long[256];
    int[] listFirst = new int[256];
    /** Per list, the least overlap a partner of any length in it needs: a signature below it fails. */
    int[] listLeastNeeded = new int[256];
    private long[][] listEntries = new long[256][];
    /** Per list, one past its last signature's entry (0 for a missing list). */
    private int[] listEnd = new int[256];

    /** Postings whose signatures passed: the list (its index here) and the entry of the signature. */
    int hits;
    int[] hitList = new int[256];
    int[] hitEntry = new int[256];
    /** Per hit, its posting and its document's token map ({@link TokenBitmaps#WORDS} words), read by {@link #loadHits}. */
    long[] hitPosting = new long[256];
    long[] hitMap = new long[256 * TokenBitmaps.WORDS];

    int candidates;
    int[] candidate = new int[64];
    int[] candidateNeeded = new int[64];
    int[] candidateFirst = new int[64];
    int[] candidateFrom = new int[64];
    int[] candidateLength = new int[64];
    /** Per candidate, the upper bound on its overlap that admitted it. */
    int[] candidateBound = new int[64];
    private long[] order = new long[64];
    private int[] byBound = new int[64];

    /** Keeps the touched values live so the loads are not optimized away. */
    private int sink;

    /**
     * The candidates as a set, open addressing: slot i holds document setDocument[i] when setStamp[i] is this
     * search's stamp (older stamps are free slots, so clearing is one increment). Small and search-local, it
     * stays in cache, where a per-document mark array would miss.
     */
    private int[] setDocument = new int[256];
    private int[] setStamp = new int[256];
    private int stamp;

    void clear() {
        if (++stamp == 0) {
            Arrays.fill(setStamp, 0);
            stamp = 1;
        }
        lists = 0;
        hits = 0;
        candidates = 0;
    }

    /** Notes a list key to read for the query element at {@code first}. */
    void addList(long key, int first, int leastNeeded) {
        if (lists == listKey.length) {
            listKey = Arrays.copyOf(listKey, 2 * lists);
            listFirst = Arrays.copyOf(listFirst, 2 * lists);
            listLeastNeeded = Arrays.copyOf(listLeastNeeded, 2 * lists);
            listEntries = Arrays.copyOf(listEntries, 2 * lists);
            listEnd = Arrays.copyOf(listEnd, 2 * lists);
        }
        listKey[lists] = key;
        listFirst[lists] = first;
        listLeastNeeded[lists] = leastNeeded;
        lists++;
    }

    /**
     * The entries of every noted list (null where no document has the key), with each list's size and
     * signatures already read, in three passes of independent loads: the hash slots, the lists' sizes, then
     * the rest of their signatures. Reading a list's size and its further lines in one loop would make the
     * loop's length wait on the size's cache miss, and a mispredicted length would hold back the next lists'
     * reads: lists would be read one after another instead of together.
     */
    long[][] resolveLists(PostingLists postings) {
        for (int k = 0; k < lists; k++) {
            listEntries[k] = postings.entriesOf(listKey[k]);
        }
        for (int k = 0; k < lists; k++) {
            long[] entries = listEntries[k];
            listEnd[k] = entries == null ? 0 : 1 + (int) entries[0];
        }
        int touched = 0;
        for (int k = 0; k < lists; k++) {
            long[] entries = listEntries[k];
            for (int at = LONGS_PER_LINE, end = listEnd[k]; at < end; at += LONGS_PER_LINE) {
                touched += (int) entries[at];
            }
        }
        sink += touched;
        return listEntries;
    }

    void addHit(int list, int entry) {
        if (hits == hitList.length) {
            hitList = Arrays.copyOf(hitList, 2 * hits);
            hitEntry = Arrays.copyOf(hitEntry, 2 * hits);
            hitPosting = Arrays.copyOf(hitPosting, 2 * hits);
            hitMap = Arrays.copyOf(hitMap, 2 * hits * TokenBitmaps.WORDS);
        }
        hitList[hits] = list;
        hitEntry[hits] = entry;
        hits++;
    }

    /**
     * Reads every hit's posting, then every hit's document token map, each in one pass of independent
     * loads, before any hit is checked: a check's branches wait on its loads, and would hold back the next
     * hit's.
     */
    void loadHits(TokenBitmaps maps) {
        for (int h = 0; h < hits; h++) {
            long[] entries = listEntries[hitList[h]];
            hitPosting[h] = entries[PostingLists.postingOffset(entries) + hitEntry[h] - 1];
        }
        long[] words = maps.words();
        for (int h = 0; h < hits; h++) {
            int from = TokenBitmaps.offset(PostingLists.document(hitPosting[h]));
            for (int w = 0; w < TokenBitmaps.WORDS; w++) {
                hitMap[h * TokenBitmaps.WORDS + w] = words[from + w];
            }
        }
    }

    /** Whether the document is already a candidate of this search. */
    boolean isCandidate(int document) {
        int mask = setDocument.length - 1;
        for (int i = slot(document, mask); setStamp[i] == stamp; i = (i + 1) & mask) {
            if (setDocument[i] == document) {
                return true;
            }
        }
        return false;
    }

    /** Adds a document that {@link #isCandidate} has not seen in this search. */
    void addCandidate(int document, int needed, int first, int from, int length, int bound) {
        if (2 * (candidates + 1) > setDocument.length) {
            growSet();
        }
        insert(document);
        if (candidates == candidate.length) {
            int grown = 2 * candidates;
            candidate = Arrays.copyOf(candidate, grown);
            candidateNeeded = Arrays.copyOf(candidateNeeded, grown);
            candidateFirst = Arrays.copyOf(candidateFirst, grown);
            candidateFrom = Arrays.copyOf(candidateFrom, grown);
            candidateLength = Arrays.copyOf(candidateLength, grown);
            candidateBound = Arrays.copyOf(candidateBound, grown);
            order = new long[grown];
            byBound = new int[grown];
        }
        candidate[candidates] = document;
        candidateNeeded[candidates] = needed;
        candidateFirst[candidates] = first;
        candidateFrom[candidates] = from;
        candidateLength[candidates] = length;
        candidateBound[candidates] = bound;
        candidates++;
    }

    private void insert(int document) {
        int mask = setDocument.length - 1;
        int i = slot(document, mask);
        while (setStamp[i] == stamp) {
            i = (i + 1) & mask;
        }
        setStamp[i] = stamp;
        setDocument[i] = document;
    }

    private void growSet() {
        setDocument = new int[2 * setDocument.length];
        setStamp = new int[setDocument.length];
        for (int c = 0; c < candidates; c++) {
            insert(candidate[c]);
        }
    }

    private static int slot(int document, int mask) {
        return (document * 0x9E3779B9 >>> 16) & mask;
    }

    /**
     * The candidates' indices (the first {@link #candidates} entries), roughly by descending upper bound on
     * their F-measure against a query of {@code length} elements, so the best match tends to be verified
     * first and to rule out the rest; in arrival order when there are few.
     * The order only saves work: each candidate's bound is still compared with the best match so far.
     */
    int[] candidatesByBound(int length) {
        if (candidates < SORTED_FROM) {
            for (int c = 0; c < candidates; c++) {
                byBound[c] = c;
            }
            return byBound;
        }
        for (int c = 0; c < candidates; c++) {
            // the bound as a 32-bit fraction of 1, descending, then the index in the low bits
            long fraction = (long) (2.0 * candidateBound[c] / ((long) length + candidateLength[c]) * (1L << 32));
            order[c] = ((1L << 33) - fraction) << 24 | c;
        }
        Arrays.sort(order, 0, candidates);
        for (int c = 0; c < candidates; c++) {
            byBound[c] = (int) (order[c] & 0xFFFFFF);
        }
        return byBound;
    }

    /** Reads each candidate's element array at the merge's starting point before any merge runs. */
    void touchCandidates(int[][] orderedTokens) {
        int touched = 0;
        for (int c = 0; c < candidates; c++) {
            int[] ordered = orderedTokens[candidate[c]];
            touched += ordered[Math.min(candidateFrom[c], ordered.length - 1)];
        }
        sink += touched;
    }

}
