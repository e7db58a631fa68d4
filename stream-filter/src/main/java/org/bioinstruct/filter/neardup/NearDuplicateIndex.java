package org.bioinstruct.filter.neardup;

import java.util.Arrays;
import java.util.Optional;

/**
 * Exact ROUGE-L near-duplicate search by prefix filtering: every match is found (recall 1 by
 * construction) and every reported match is verified with the exact LCS.
 *
 * <p>A text of m tokens is a set of m elements (token, k), k counting earlier occurrences of the token,
 * so the multiset overlap of two texts is a set intersection, and LCS <= overlap. Elements are sorted by
 * a static global order ({@link TokenOrder}: rare tokens first, then k). For a search threshold t,
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
 * <p>Candidates from the postings then pass the length window, then an upper bound on the overlap (a
 * merge of both ordered element arrays, needing ceil(t (m + n) / 2)), then the bit-parallel LCS
 * ({@link DenseLcs}: the query's match masks indexed by token id).
 */
public final class NearDuplicateIndex implements NearDuplicates {
    /** Size at which the first frequency order is taken (before it, all tokens share order 0). */
    private static final int REORDER_FROM = 1000;
    /** Growth since the last snapshot that triggers the next one. */
    private static final int REORDER_GROWTH = 2;
    private final SimilarityBounds bounds;
    private final Vocabulary vocabulary = new Vocabulary(TokenOrder.standard());
    private PostingLists postings = new PostingLists();
    private final DenseLcs lcs = new DenseLcs();
    private int[][] sequences = new int[1024][];
    private int[][] orderedTokens = new int[1024][];
    private int[] lengths = new int[1024];
    private String[] ids = new String[1024];
    private int[] visitedAt = new int[1024];
    private int query;
    private int size;
    private int snapshotSize;
    private long documentBytes;

    /** @param searchThreshold the least F-measure {@link #nearest} reports, in (0, 1] */
    public NearDuplicateIndex(double searchThreshold) {
        this.bounds = new SimilarityBounds(searchThreshold);
    }

    @Override
    public Optional<Match> nearest(String text) {
        Vocabulary.Encoded encoded = vocabulary.encode(RougeTokenizer.tokens(text), false);
        if (encoded.length() == 0 || size == 0) {
            return Optional.empty();
        }
        return new Search(encoded).run();
    }

    @Override
    public void add(String id, String text) {
        Vocabulary.Encoded encoded = vocabulary.encode(RougeTokenizer.tokens(text), true);
        int document = size;
        ensureCapacity(document + 1);
        vocabulary.countDocument(encoded.orderedKeys());
        sequences[document] = encoded.sequence();
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
            ordered[i] = Vocabulary.idOf(keys[i]);
        }
        int occurrence = 0;
        for (int i = 0; i < bounds.prefixLength(keys.length); i++) {
            occurrence = i > 0 && keys[i] == keys[i - 1] ? occurrence + 1 : 0;
            postings.add(PostingLists.element(ordered[i], occurrence),
                    PostingLists.posting(document, i, keys.length));
        }
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
        return documentBytes + 4L * 5 * ids.length + postings.approximateBytes() + vocabulary.approximateBytes()
                + lcs.approximateBytes();
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
        private final int[] neededOverlap;
        private boolean patternLoaded;
        private int best = -1;
        private double bestSimilarity;

        Search(Vocabulary.Encoded query) {
            this.query = query;
            this.length = query.length();
            this.minLength = bounds.minPartnerLength(length);
            this.maxLength = bounds.maxPartnerLength(length);
            this.neededOverlap = new int[Math.max(0, Math.min(maxLength, PostingLists.LARGE) - minLength + 1)];
            for (int n = minLength; n < minLength + neededOverlap.length; n++) {
                neededOverlap[n - minLength] = bounds.requiredOverlap(length, n);
            }
        }

        Optional<Match> run() {
            int stamp = nextQuery();
            long[] keys = query.orderedKeys();
            int occurrence = 0;
            for (int i = 0; i < bounds.prefixLength(length); i++) {
                occurrence = i > 0 && keys[i] == keys[i - 1] ? occurrence + 1 : 0;
                int token = Vocabulary.idOf(keys[i]);
                int list = token < 0 ? -1 : postings.listOf(PostingLists.element(token, occurrence));
                if (list >= 0) {
                    probe(postings.postings(list), postings.size(list), stamp, i);
                }
            }
            if (patternLoaded) {
                lcs.unload();
            }
            return best < 0 ? Optional.empty() : Optional.of(new Match(ids[best], bestSimilarity));
        }

        /**
         * A document first met at the query's element {@code first} and its own element {@code position}
         * shares no earlier element with the query (see the class comment), so the overlap is at most
         * min(m - first, n - position). A document failing that here is left unmarked: a later meeting
         * can only bound it lower, so it never wrongly passes, it just costs a check.
         */
        private void probe(long[] entries, int count, int stamp, int first) {
            int queryRest = length - first;
            for (int p = 0; p < count; p++) {
                long posting = entries[p];
                int document = PostingLists.document(posting);
                int partnerLength = PostingLists.length(posting);
                if (partnerLength == PostingLists.LARGE) {
                    partnerLength = lengths[document];
                }
                if (partnerLength < minLength || partnerLength > maxLength) {
                    continue;
                }
                int needed = partnerLength - minLength < neededOverlap.length
                        ? neededOverlap[partnerLength - minLength] : bounds.requiredOverlap(length, partnerLength);
                if (Math.min(queryRest, partnerLength - PostingLists.position(posting)) < needed
                        || visitedAt[document] == stamp) {
                    continue;
                }
                visitedAt[document] = stamp;
                int position = PostingLists.position(posting);
                if (overlapReaches(orderedTokens[document], needed, first, position == PostingLists.LARGE ? 0 : position)) {
                    verify(document, partnerLength);
                }
            }
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
            long other = vocabulary.orderKey(ordered[j]);
            while (overlap + Math.min(keys.length - i, ordered.length - j) >= needed) {
                if (overlap >= needed) {
                    return true;
                }
                if (keys[i] == other) {
                    overlap++;
                    i++;
                    if (++j < ordered.length) {
                        other = vocabulary.orderKey(ordered[j]);
                    }
                } else if (keys[i] < other) {
                    i++;
                } else if (++j < ordered.length) {
                    other = vocabulary.orderKey(ordered[j]);
                }
            }
            return false;
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

    private int nextQuery() {
        if (++query == 0) {
            Arrays.fill(visitedAt, 0);
            query = 1;
        }
        return query;
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
        visitedAt = Arrays.copyOf(visitedAt, capacity);
    }

    private static long arrayBytes(int ints) {
        return align(16 + 4L * ints);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
