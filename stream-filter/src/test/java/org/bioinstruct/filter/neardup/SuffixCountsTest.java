package org.bioinstruct.filter.neardup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SuffixCountsTest {
    private final Random random = new Random(11);

    @Test
    void countsTheSuffixElementsWhoseBitIsInADocumentsTokenMap() {
        for (int round = 0; round < 200; round++) {
            int[] tokens = randomTokens(1 + random.nextInt(80), 60);
            int[] bits = new int[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                bits[i] = TokenBitmaps.bit(tokens[i]);
            }
            SuffixCounts counts = new SuffixCounts(bits, TokenBitmaps.WORDS);
            TokenBitmaps maps = new TokenBitmaps();
            int[] document = randomTokens(1 + random.nextInt(80), 60);
            maps.set(3, document);
            for (int q = 0; q <= tokens.length; q++) {
                int inMap = 0;
                for (int i = q; i < tokens.length; i++) {
                    if (contains(document, tokens[i]) || collides(document, tokens[i])) {
                        inMap++;
                    }
                }
                assertEquals(inMap, counts.admitted(maps.words(), TokenBitmaps.offset(3), q));
            }
        }
    }

    @Test
    void countsTheElementsPastTheFifteenthOfABitAsIfTheirBitWereAlwaysSet() {
        int[] bits = new int[40];
        java.util.Arrays.fill(bits, 200);
        SuffixCounts counts = new SuffixCounts(bits, TokenBitmaps.WORDS);
        long[] map = new long[TokenBitmaps.WORDS];
        map[200 >>> 6] = 1L << 200;
        assertEquals(40, counts.admitted(map, 0, 0));
        assertEquals(40 - 15, counts.admitted(new long[TokenBitmaps.WORDS], 0, 0));
    }

    private int[] randomTokens(int length, int vocabulary) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = random.nextInt(vocabulary);
        }
        return tokens;
    }

    private static boolean contains(int[] tokens, int token) {
        for (int t : tokens) {
            if (t == token) {
                return true;
            }
        }
        return false;
    }

    private static boolean collides(int[] tokens, int token) {
        for (int t : tokens) {
            if (TokenBitmaps.bit(t) == TokenBitmaps.bit(token)) {
                return true;
            }
        }
        return false;
    }
}
