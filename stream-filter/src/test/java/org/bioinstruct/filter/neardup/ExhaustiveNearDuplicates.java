package org.bioinstruct.filter.neardup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.text.RougeL;
import org.bioinstruct.schemas.text.RougeTokenizer;

/**
 * The baseline: compare a text with every added text, as Self-Instruct does, with the dynamic-programming
 * LCS. {@link #withBitParallelLcs} is a faster exhaustive reference for tests: the bit-parallel LCS, and
 * it skips texts whose length alone keeps F below the threshold (F <= 2 min(m, n) / (m + n), computed by
 * the same monotone function of the LCS, so nothing that could match is skipped).
 */
public final class ExhaustiveNearDuplicates implements NearDuplicates {
    private final double searchThreshold;
    private final boolean bitParallel;
    private final Map<String, Integer> tokenIds = new HashMap<>();
    private final List<int[]> sequences = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final DenseLcs denseLcs = new DenseLcs();
    private long bytes;

    /** Self-Instruct's way: the dynamic-programming LCS against every added text. */
    public ExhaustiveNearDuplicates(double searchThreshold) {
        this(searchThreshold, false);
    }

    private ExhaustiveNearDuplicates(double searchThreshold, boolean bitParallel) {
        if (!(searchThreshold > 0 && searchThreshold <= 1)) {
            throw new IllegalArgumentException("similarity threshold must be in (0, 1], was " + searchThreshold);
        }
        this.searchThreshold = searchThreshold;
        this.bitParallel = bitParallel;
    }

    public static ExhaustiveNearDuplicates withBitParallelLcs(double searchThreshold) {
        return new ExhaustiveNearDuplicates(searchThreshold, true);
    }

    @Override
    public Optional<Match> nearest(String text) {
        int[] query = encode(RougeTokenizer.tokens(text), false);
        if (query.length == 0) {
            return Optional.empty();
        }
        if (bitParallel) {
            denseLcs.load(query, tokenIds.size());
        }
        int best = -1;
        double bestSimilarity = 0;
        for (int document = 0; document < sequences.size(); document++) {
            int[] other = sequences.get(document);
            if (bitParallel && RougeL.fromLcs(Math.min(query.length, other.length), query.length, other.length)
                    < searchThreshold) {
                continue;
            }
            int lcs = bitParallel ? denseLcs.lcs(other) : RougeL.lcs(query, other);
            double similarity = other.length == 0 ? 0 : RougeL.fromLcs(lcs, query.length, other.length);
            if (similarity >= searchThreshold && (best < 0 || similarity > bestSimilarity)) {
                best = document;
                bestSimilarity = similarity;
            }
        }
        if (bitParallel) {
            denseLcs.unload();
        }
        return best < 0 ? Optional.empty() : Optional.of(new Match(ids.get(best), bestSimilarity));
    }

    @Override
    public void add(String id, String text) {
        int[] sequence = encode(RougeTokenizer.tokens(text), true);
        sequences.add(sequence);
        ids.add(id);
        bytes += 8 + ((16 + 4L * sequence.length + 7) & ~7L) + 24 + ((16 + id.length() + 7) & ~7L);
    }

    @Override
    public int size() {
        return ids.size();
    }

    @Override
    public long approximateBytes() {
        return bytes + tokenIds.size() * 100L;
    }

    private int[] encode(List<String> tokens, boolean intern) {
        int[] sequence = new int[tokens.size()];
        for (int i = 0; i < sequence.length; i++) {
            Integer id = tokenIds.get(tokens.get(i));
            if (id == null && intern) {
                id = tokenIds.size();
                tokenIds.put(tokens.get(i), id);
            }
            sequence[i] = id == null ? -1 - i : id;
        }
        return sequence;
    }
}
