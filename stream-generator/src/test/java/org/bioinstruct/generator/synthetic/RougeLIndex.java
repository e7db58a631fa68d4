package org.bioinstruct.generator.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.text.RougeL;
import org.bioinstruct.schemas.text.RougeTokenizer;

/**
 * Self-Instruct's near-duplicate rule, checked exhaustively: a text is admitted only if its ROUGE-L F
 * against every text admitted before is at most the threshold. Exact, but pruned so that 10,000 texts
 * take seconds: a pair is compared only when the length ratio allows an F above the threshold, then only
 * when the multiset token overlap (an upper bound of the LCS) does, and only then is the LCS computed,
 * bit-parallel, with the candidate as the pattern.
 */
final class RougeLIndex {
    private final double threshold;
    private final Map<String, Integer> vocabulary = new HashMap<>();
    /** Admitted texts by token count. */
    private final List<List<Entry>> byLength = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private long[][] matchesById = new long[1024][];
    private int[] countById = new int[1024];
    private long comparedPairs;
    private long lcsPairs;

    /** An admitted text as token ids, with its distinct ids and their counts for the overlap bound. */
    private record Entry(int index, int[] ids, int[] distinct, int[] counts) {
    }

    /** The verdict for one text: whether it was admitted, and its most similar admitted text when not. */
    record Verdict(boolean admitted, int nearestIndex, double similarity) {
    }

    RougeLIndex(double threshold) {
        this.threshold = threshold;
    }

    /** Admits the text if no admitted text is more similar than the threshold; either way says why. */
    Verdict offer(String text) {
        int[] ids = ids(text);
        Verdict verdict = firstAboveThreshold(ids);
        if (verdict.admitted()) {
            add(text, ids);
        }
        return verdict;
    }

    String text(int index) {
        return texts.get(index);
    }

    long comparedPairs() {
        return comparedPairs;
    }

    long lcsPairs() {
        return lcsPairs;
    }

    private Verdict firstAboveThreshold(int[] ids) {
        int n = ids.length;
        if (n == 0) {
            return new Verdict(true, -1, 0);
        }
        // F <= 2 min(m, n) / (m + n), so lengths outside [n r, n / r] with r = t / (2 - t) cannot exceed t.
        double ratio = threshold / (2 - threshold);
        int lo = (int) Math.ceil(n * ratio);
        int hi = Math.min(byLength.size() - 1, (int) Math.floor(n / ratio));
        preparePattern(ids);
        try {
            for (int m = lo; m <= hi; m++) {
                for (Entry entry : byLength.get(m)) {
                    comparedPairs++;
                    double f = similarityAbove(entry, n);
                    if (f > threshold) {
                        return new Verdict(false, entry.index(), f);
                    }
                }
            }
            return new Verdict(true, -1, 0);
        } finally {
            clearPattern(ids);
        }
    }

    /** The exact F when the overlap bound lets it exceed the threshold, else 0. */
    private double similarityAbove(Entry entry, int n) {
        int m = entry.ids().length;
        int overlap = 0;
        for (int i = 0; i < entry.distinct().length; i++) {
            overlap += Math.min(entry.counts()[i], countById[entry.distinct()[i]]);
        }
        if (RougeL.fromLcs(overlap, m, n) <= threshold) {
            return 0;
        }
        lcsPairs++;
        long[][] matches = new long[m][];
        for (int i = 0; i < m; i++) {
            matches[i] = matchesById[entry.ids()[i]];
        }
        return RougeL.fromLcs(BitParallelLcs.lcs(matches, n), m, n);
    }

    private void preparePattern(int[] ids) {
        int words = (ids.length + 63) >>> 6;
        for (int i = 0; i < ids.length; i++) {
            long[] mask = matchesById[ids[i]];
            if (mask == null) {
                mask = new long[words];
                matchesById[ids[i]] = mask;
            }
            mask[i >>> 6] |= 1L << (i & 63);
            countById[ids[i]]++;
        }
    }

    private void clearPattern(int[] ids) {
        for (int id : ids) {
            matchesById[id] = null;
            countById[id] = 0;
        }
    }

    private void add(String text, int[] ids) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int[] distinct = new int[sorted.length];
        int[] counts = new int[sorted.length];
        int k = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct[++k] = sorted[i];
            }
            counts[k]++;
        }
        while (byLength.size() <= ids.length) {
            byLength.add(new ArrayList<>());
        }
        byLength.get(ids.length).add(new Entry(texts.size(), ids, Arrays.copyOf(distinct, k + 1),
                Arrays.copyOf(counts, k + 1)));
        texts.add(text);
    }

    private int[] ids(String text) {
        List<String> tokens = RougeTokenizer.tokens(text);
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.computeIfAbsent(tokens.get(i), t -> vocabulary.size());
        }
        if (vocabulary.size() > countById.length) {
            int size = Math.max(vocabulary.size(), countById.length * 2);
            countById = Arrays.copyOf(countById, size);
            matchesById = Arrays.copyOf(matchesById, size);
        }
        return ids;
    }
}
