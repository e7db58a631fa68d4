package org.bioinstruct.filter.neardup;

import java.util.Arrays;
import java.util.Optional;
import org.bioinstruct.schemas.text.RougeL;

/**
 * Exact ROUGE-L near-duplicate search by prefix filtering: every match is found (recall 1 by
 * construction) and every reported match is verified with the exact LCS.
 *
 * <p>A text of m tokens is a set of m elements (token, k), k counting earlier occurrences of the token,
 * so the multiset overlap of two texts is a set intersection, and LCS <= overlap. Elements are sorted by
 * a global token order, then k. The order is adaptive ({@link Vocabulary}): a snapshot of the document
 * frequencies (rarest first; tokens new since the snapshot rarer still), retaken whenever the index has
 * doubled, at which point every stored text is re-sorted and re-indexed (linear in the tokens held, so
 * amortized constant per token). The argument below needs only that indexed texts and queries share one
 * total order, which holds at every moment: between snapshots no token's place changes. For a search
 * threshold t,
 * {@link SimilarityBounds} shows that F >= t needs the partner length n within [t m / (2 - t),
 * m (2 - t) / t] and an overlap of at least o(m) = ceil(t m / (2 - t)), and symmetrically o(n); since
 * the overlap is at least both, it is at least each text's own o.
 *
 * <p>Prefix principle: let x and y share at least alpha elements, and let the prefix of x be its first
 * |x| - alpha + 1 elements in the order. Take e, the first shared element in the order. The elements
 * after x's prefix are x's last alpha - 1, and if e were among them, every shared element (all at or
 * after e) would be too, which is fewer than alpha: so e is in x's prefix, and likewise in y's. With
 * alpha = o(|x|) for x and o(|y|) for y each prefix is at least as long as the one for the common
 * alpha = max(o(|x|), o(|y|)) <= overlap, so the two prefixes still share e. Hence: index each text under
 * its first m - o(m) + 1 elements, probe with the query's own prefix, and no match can be missed.
 *
 * <p>Filters, each an upper bound on the overlap of a pair (m, n), which must reach
 * needed = ceil(t (m + n) / 2), so none drops a match. If y matches x, the first element e they share is
 * in both prefixes, so the first posting of y met while probing x's prefix in order is e's, at x's
 * position i and y's position j, and every shared element is at or after e: the overlap is at most
 * min(m - i, n - j) (positional), and at most the number of x's elements from i on whose token's bit is
 * set, both in the 64-bit signature of y's elements from j on that every posting carries and in the
 * 256-bit map of all of y's tokens ({@link TokenBitmaps}, read only when the signature passes: y's tokens
 * before j are rarer than e, or e's own, so they add only hash collisions). {@link SuffixCounts} keeps the
 * query's per-bit counts from each i as bit-planes, so a count is a few popcounts. Postings are bucketed
 * by (n, n - j) on a geometric scale, and a probe reads only the
 * buckets whose n lies in [minimum partner length, the longest n with requiredOverlap(m, n) <= m - i]
 * and whose n - j can reach requiredOverlap(m, least n of the bucket): the positional bound fails for
 * every posting in the others. A document passing the first posting that survives is merged (both
 * ordered element arrays from (i, j) on) and, if that overlap still reaches needed, compared with the
 * bit-parallel LCS ({@link DenseLcs}: the query's match masks indexed by token id). A later posting of a
 * document only arises when the first one met was not its first shared element, which means it does
 * not match, so a later check that passes costs only time, never a wrong result: the LCS is exact.
 * Many candidates are merged in descending order of their F-measure bound, and one whose bound is below the
 * best match verified so far is skipped: that bound holds for every document that matches at all.
 */
public final class NearDuplicateIndex implements NearDuplicates {
    /** Size at which the first frequency order is taken (before it, all tokens share order 0). */
    private static final int REORDER_FROM = 1000;
    /** Growth since the last snapshot that triggers the next one. */
    private static final int REORDER_GROWTH = 2;
    /** A needed overlap no bound reaches. */
    private static final int IMPOSSIBLE = Integer.MAX_VALUE;
    private final SimilarityBounds bounds;
    private final Vocabulary vocabulary = new Vocabulary(TokenOrder.standard());
    private PostingLists postings = new PostingLists();
    private final DenseLcs lcs = new DenseLcs();
    private final SearchScratch scratch = new SearchScratch();
    private final TokenBitmaps maps = new TokenBitmaps();
    private int[][] sequences = new int[1024][];
    /** Per document, the orders ({@link Vocabulary}: one per token) of its elements, ascending. */
    private int[][] orderedTokens = new int[1024][];
    private int[] lengths = new int[1024];
    private String[] ids = new String[1024];
    private int size;
    /**
     * The text {@link #nearest} last searched, with its encoding: a filter adds the text it has just
     * searched, which then (when every token is known) needs no encoding again. Any add clears it, since
     * an add can change the vocabulary's order.
     */
    private String lastText;
    private Vocabulary.Encoded lastEncoded;
    private int snapshotSize;
    private long documentBytes;

    /** @param searchThreshold the least F-measure {@link #nearest} reports, in (0, 1] */
    public NearDuplicateIndex(double searchThreshold) {
        this.bounds = new SimilarityBounds(searchThreshold);
    }

    @Override
    public Optional<Match> nearest(String text) {
        Vocabulary.Encoded encoded = vocabulary.encode(text, false);
        lastText = text;
        lastEncoded = encoded;
        if (encoded.length() == 0 || size == 0) {
            return Optional.empty();
        }
        return new Search(encoded).run();
    }

    @Override
    public void add(String id, String text) {
        Vocabulary.Encoded encoded = text.equals(lastText) && lastEncoded.allKnown()
                ? lastEncoded : vocabulary.encode(text, true);
        lastText = null;
        lastEncoded = null;
        if (encoded.length() > PostingLists.MAX_OCCURRENCE + 1 && encoded.mostRepeats() > PostingLists.MAX_OCCURRENCE + 1) {
            throw new IllegalArgumentException("a token repeats more than " + (PostingLists.MAX_OCCURRENCE + 1) + " times");
        }
        int document = size;
        ensureCapacity(document + 1);
        vocabulary.countDocument(encoded.orderedKeys());
        sequences[document] = encoded.sequence();
        maps.set(document, encoded.sequence());
        orderedTokens[document] = new int[encoded.length()];
        lengths[document] = encoded.length();
        ids[document] = id;
        index(document, encoded.orderedKeys());
        documentBytes += 2 * arrayBytes(encoded.length()) + 24 + align(16 + id.length());
        size++;
        if (size >= REORDER_FROM && size >= REORDER_GROWTH * snapshotSize) {
            reorder();
        }
    }

    /** Stores a document's elements in the current order and posts its prefix. */
    private void index(int document, long[] keys) {
        int[] ordered = orderedTokens[document];
        for (int i = 0; i < keys.length; i++) {
            ordered[i] = Vocabulary.orderOf(keys[i]);
        }
        int prefix = bounds.prefixLength(keys.length);
        int[] tokens = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            tokens[i] = Vocabulary.idOf(keys[i]);
        }
        long[] elements = new long[prefix];
        long[] posted = new long[prefix];
        int occurrence = 0;
        for (int i = 0; i < prefix; i++) {
            occurrence = i > 0 && keys[i] == keys[i - 1] ? occurrence + 1 : 0;
            elements[i] = PostingLists.element(Vocabulary.idOf(keys[i]), occurrence,
                    PostingLists.bucket(keys.length, keys.length - i));
            posted[i] = PostingLists.posting(document, i, keys.length);
        }
        postings.addAll(elements, posted, SuffixCounts.suffixSignatures(tokens, prefix));
    }

    /**
     * The reach of a text of {@code length} elements met at its element {@code position}: the longest
     * partner for which the rest of the text could still hold the required overlap, i.e. the largest n
     * with requiredOverlap(length, n) <= length - position (0 when there is none). requiredOverlap grows
     * with n, so every longer partner fails the positional filter of {@link Search#checkHit}.
     */
    private int reach(int length, int position) {
        int rest = length - position;
        long guess = (long) Math.floor(2.0 * rest / bounds.threshold()) - length + 2;
        int m = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1, guess));
        while (m > 0 && bounds.requiredOverlap(m, length) > rest) {
            m--;
        }
        return m;
    }

    /**
     * Takes a new order from the document frequencies seen so far and re-indexes every stored document
     * under it: linear in the tokens held, and done each time the index has grown by
     * {@link #REORDER_GROWTH}, so amortized a constant per added token.
     */
    private void reorder() {
        vocabulary.snapshot();
        postings = new PostingLists();
        for (int document = 0; document < size; document++) {
            int[] sequence = sequences[document];
            long[] keys = new long[sequence.length];
            for (int i = 0; i < sequence.length; i++) {
                keys[i] = vocabulary.orderKey(sequence[i]);
            }
            Arrays.sort(keys);
            index(document, keys);
        }
        snapshotSize = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long approximateBytes() {
        return documentBytes + 4L * 4 * ids.length + postings.approximateBytes() + vocabulary.approximateBytes()
                + lcs.approximateBytes() + maps.approximateBytes();
    }

    /** Postings held: the sum of the indexed prefix lengths. */
    public long postings() {
        return postings.postings();
    }

    /** One query: its elements, its LCS pattern once needed, and the best match so far. */
    private final class Search {
        private final Vocabulary.Encoded query;
        private final int length;
        private final int minLength;
        private final int maxLength;
        /** The overlap a partner of each length needs, {@link #IMPOSSIBLE} outside the length window. */
        private final int[] neededOverlap;
        /** The orders of the query's elements, ascending. */
        private final int[] queryOrders;
        /** The query's counts against each posting's first and second signature. */
        private final SuffixCounts counts;
        private final SuffixCounts mapCounts;
        private boolean patternLoaded;
        private int best = -1;
        private double bestSimilarity;

        Search(Vocabulary.Encoded query) {
            this.query = query;
            this.length = query.length();
            this.minLength = bounds.minPartnerLength(length);
            this.maxLength = bounds.maxPartnerLength(length);
            // by partner length below LARGE; the last entry stands for every length past the table
            int lastListed = Math.min(maxLength, PostingLists.LARGE - 1);
            this.neededOverlap = new int[lastListed + 2];
            Arrays.fill(neededOverlap, IMPOSSIBLE);
            for (int n = minLength; n <= lastListed; n++) {
                neededOverlap[n] = bounds.requiredOverlap(length, n);
            }
            long[] keys = query.orderedKeys();
            this.queryOrders = new int[keys.length];
            int[] bits = new int[keys.length];
            int[] mapBits = new int[keys.length];
            for (int q = 0; q < keys.length; q++) {
                int token = Vocabulary.idOf(keys[q]);
                bits[q] = token < 0 ? SuffixCounts.NO_BIT : SuffixCounts.bit(token);
                mapBits[q] = token < 0 ? SuffixCounts.NO_BIT : TokenBitmaps.bit(token);
                queryOrders[q] = Vocabulary.orderOf(keys[q]);
            }
            this.counts = new SuffixCounts(bits);
            this.mapCounts = new SuffixCounts(mapBits, TokenBitmaps.WORDS);
        }

        /**
         * Three passes, so that the cache misses of one pass overlap instead of queuing behind each other
         * (the search is bound by memory latency, not by arithmetic): find every list to read, read them
         * filtering postings into candidates, then merge the candidates.
         */
        Optional<Match> run() {
            long[] keys = query.orderedKeys();
            int occurrence = 0;
            scratch.clear();
            for (int i = 0; i < bounds.prefixLength(length); i++) {
                occurrence = i > 0 && keys[i] == keys[i - 1] ? occurrence + 1 : 0;
                int token = Vocabulary.idOf(keys[i]);
                if (token < 0 || occurrence > PostingLists.MAX_OCCURRENCE) {
                    continue; // no document has the element
                }
                addLists(token, occurrence, i);
            }
            long[][] lists = scratch.resolveLists(postings);
            for (int k = 0; k < scratch.lists; k++) {
                if (lists[k] != null) {
                    scanSignatures(lists[k], k, scratch.listLeastNeeded[k]);
                }
            }
            scratch.loadHits(maps);
            for (int h = 0; h < scratch.hits; h++) {
                int k = scratch.hitList[h];
                checkHit(lists[k][scratch.hitEntry[h]], k, scratch.hitPosting[h], h * TokenBitmaps.WORDS);
            }
            scratch.touchCandidates(orderedTokens);
            int[] byBound = scratch.candidatesByBound(length);
            for (int i = 0; i < scratch.candidates; i++) {
                int c = byBound[i];
                int partnerLength = scratch.candidateLength[c];
                if (best >= 0 && RougeL.fromLcs(scratch.candidateBound[c], length, partnerLength) < bestSimilarity) {
                    continue; // cannot reach the best match so far
                }
                int document = scratch.candidate[c];
                if (overlapReaches(orderedTokens[document], Math.max(scratch.candidateNeeded[c], overlapToReachBest(partnerLength)),
                        scratch.candidateFirst[c], scratch.candidateFrom[c])) {
                    verify(document, partnerLength);
                }
            }
            if (patternLoaded) {
                lcs.unload();
            }
            return best < 0 ? Optional.empty() : Optional.of(new Match(ids[best], bestSimilarity));
        }

        /**
         * Notes the lists of one query element whose postings can pass the positional filter of
         * {@link #checkHit}, min(m - first, rest) >= requiredOverlap(m, n) for a document of n elements with
         * rest of them from the one met on: n must lie in [minLength, reach(m, first)] (reach as in
         * {@link NearDuplicateIndex#reach}, requiredOverlap being symmetric and growing in each length),
         * and rest in [requiredOverlap(m, least n of the length bucket), n]. Buckets being non-decreasing
         * in their values, every list skipped holds only postings that fail.
         */
        private void addLists(int token, int occurrence, int first) {
            int longest = Math.min(maxLength, reach(length, first));
            if (longest < minLength) {
                return;
            }
            int lastLengthBucket = PostingLists.bucketOf(longest);
            for (int lengthBucket = PostingLists.bucketOf(minLength); lengthBucket <= lastLengthBucket; lengthBucket++) {
                int shortest = Math.max(minLength, PostingLists.bucketStart(lengthBucket));
                if (shortest > longest) {
                    break;
                }
                int leastNeeded = bounds.requiredOverlap(length, shortest);
                int lastRestBucket = PostingLists.bucketOf(Math.min(longest, PostingLists.bucketStart(lengthBucket + 1) - 1));
                for (int restBucket = PostingLists.bucketOf(bounds.requiredOverlap(length, shortest));
                        restBucket <= lastRestBucket; restBucket++) {
                    scratch.addList(PostingLists.element(token, occurrence, lengthBucket << 7 | restBucket), first,
                            leastNeeded);
                }
            }
        }

        /**
         * Notes each posting of list {@code k} whose signature count reaches the least overlap any partner
         * in the list needs: nearly every posting fails here, so this pass reads signatures alone.
         */
        private void scanSignatures(long[] entries, int k, int leastNeeded) {
            int first = scratch.listFirst[k];
            long[] planes = counts.planes;
            int at = first * SuffixCounts.PLANES;
            long plane0 = planes[at];
            long plane1 = planes[at + 1];
            long plane2 = planes[at + 2];
            long plane3 = planes[at + 3];
            int least = leastNeeded - counts.excess[first];
            int end = 1 + (int) entries[0];
            if ((plane2 | plane3) == 0) {
                // no signature bit counted more than three times from here on: two planes suffice
                for (int e = 1; e < end; e++) {
                    long signature = entries[e];
                    if (Long.bitCount(signature & plane0) + 2 * Long.bitCount(signature & plane1) >= least) {
                        scratch.addHit(k, e);
                    }
                }
                return;
            }
            for (int e = 1; e < end; e++) {
                long signature = entries[e];
                if (Long.bitCount(signature & plane0) + 2 * Long.bitCount(signature & plane1)
                        + 4 * Long.bitCount(signature & plane2) + 8 * Long.bitCount(signature & plane3) >= least) {
                    scratch.addHit(k, e);
                }
            }
        }

        /**
         * A document first met at the query's element {@code first} and its own element {@code position},
         * if it matches, shares no earlier element with the query (see the class comment), so the overlap
         * is at most min(m - first, n - position) and at most the signature count. A document failing
         * here is left unmarked: it does not match, and a later meeting can only pass to the exact checks.
         * One passing is marked and becomes a candidate for the merge. The hits are checked in a pass of
         * their own so that their postings' cache misses overlap.
         */
        private void checkHit(long signature, int k, long posting, int mapFrom) {
            int first = scratch.listFirst[k];
            int admitted = Math.min(counts.admitted(signature, first), mapCounts.admitted(scratch.hitMap, mapFrom, first));
            int partnerLength = PostingLists.length(posting);
            int needed;
            if (partnerLength == PostingLists.LARGE) {
                partnerLength = lengths[PostingLists.document(posting)];
                needed = partnerLength < minLength || partnerLength > maxLength
                        ? IMPOSSIBLE : bounds.requiredOverlap(length, partnerLength);
            } else {
                needed = neededOverlap[Math.min(partnerLength, neededOverlap.length - 1)];
            }
            int position = PostingLists.position(posting);
            int bound = Math.min(Math.min(length - first, partnerLength - position), admitted);
            if (bound < needed) {
                return;
            }
            int document = PostingLists.document(posting);
            if (scratch.isCandidate(document)) {
                return;
            }
            scratch.addCandidate(document, needed, first, position == PostingLists.LARGE ? 0 : position, partnerLength,
                    bound);
        }

        /**
         * Whether the element multisets can share {@code needed}, merging from the query's element
         * {@code first} and the document's {@code from}, the pair just met: no document element before
         * {@code from} can equal a query element from {@code first} on, being earlier in the order.
         * Stops once the rest cannot make it.
         */
        private boolean overlapReaches(int[] ordered, int needed, int first, int from) {
            long[] keys = query.orderedKeys();
            int i = first;
            int j = from;
            int overlap = 0;
            int[] orders = queryOrders;
            int other = ordered[j];
            while (overlap + Math.min(keys.length - i, ordered.length - j) >= needed) {
                if (overlap >= needed) {
                    return true;
                }
                if (orders[i] == other) {
                    overlap++;
                    i++;
                    if (++j < ordered.length) {
                        other = ordered[j];
                    }
                } else if (orders[i] < other) {
                    i++;
                } else if (++j < ordered.length) {
                    other = ordered[j];
                }
            }
            return false;
        }

        /**
         * The least overlap with which a partner of {@code partnerLength} elements could tie the best match so
         * far (0 before there is one); a hair below, so rounding can only make the merge run longer.
         */
        private int overlapToReachBest(int partnerLength) {
            return best < 0 ? 0 : (int) Math.ceil(bestSimilarity * ((long) length + partnerLength) / 2 - 1e-9);
        }

        private void verify(int document, int partnerLength) {
            if (!patternLoaded) {
                lcs.load(query.sequence(), vocabulary.size());
                patternLoaded = true;
            }
            double similarity = RougeL.fromLcs(lcs.lcs(sequences[document]), length, partnerLength);
            if (similarity >= bounds.threshold()
                    && (best < 0 || similarity > bestSimilarity || (similarity == bestSimilarity && document < best))) {
                best = document;
                bestSimilarity = similarity;
            }
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = ids.length + (ids.length >> 1);
        sequences = Arrays.copyOf(sequences, capacity);
        orderedTokens = Arrays.copyOf(orderedTokens, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
        ids = Arrays.copyOf(ids, capacity);
    }

    private static long arrayBytes(int ints) {
        return align(16 + 4L * ints);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
