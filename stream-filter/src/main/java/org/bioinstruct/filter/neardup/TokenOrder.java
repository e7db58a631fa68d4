package org.bioinstruct.filter.neardup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.bioinstruct.schemas.text.RougeTokenizer;

/**
 * A static order of tokens: tokens not in the frequency list first, ordered by a stable hash
 * (String.hashCode is specified by the JLS, then mixed), then the listed words, the most frequent last.
 * It depends on nothing but the token text. The prefix-filtering order itself is adaptive (by observed
 * document frequency, see {@link Vocabulary#snapshot}); this order breaks its ties.
 */
public final class TokenOrder {
    static final String RESOURCE = "/neardup/frequent-words.txt";
    private static final int KNOWN_BASE = 1 << 30;
    private static final TokenOrder STANDARD = fromResource();

    private final Map<String, Integer> rankByWord;

    TokenOrder(Map<String, Integer> rankByWord) {
        this.rankByWord = Map.copyOf(rankByWord);
    }

    public static TokenOrder standard() {
        return STANDARD;
    }

    /** Smaller is earlier: unknown tokens in [-2^30, 2^30), listed words in [2^30, 2^31). */
    public int of(String token) {
        Integer rank = rankByWord.get(token);
        if (rank != null) {
            return Integer.MAX_VALUE - rank;
        }
        return mix(token.hashCode()) >> 1;
    }

    public boolean isListed(String token) {
        return rankByWord.containsKey(token);
    }

    public int listedWords() {
        return rankByWord.size();
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private static TokenOrder fromResource() {
        try (InputStream in = TokenOrder.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Integer> ranks = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                for (String word : RougeTokenizer.tokens(line.startsWith("#") ? "" : line)) {
                    ranks.putIfAbsent(word, ranks.size());
                }
            }
            if (ranks.size() >= KNOWN_BASE) {
                throw new IllegalStateException("frequency list too long");
            }
            return new TokenOrder(ranks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
