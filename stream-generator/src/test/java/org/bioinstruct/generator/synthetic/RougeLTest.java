package org.bioinstruct.generator.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.bioinstruct.schemas.text.RougeL;
import org.bioinstruct.schemas.text.RougeTokenizer;
import org.junit.jupiter.api.Test;

/** The test-side ROUGE-L: the shared tokenization and F-measure, and a bit-parallel LCS equal to the textbook one. */
class RougeLTest {

    @Test
    void tokenizesLikeRougeScore() {
        assertEquals(java.util.List.of("bp", "142", "88", "mmhg", "c", "1521g", "a"),
                RougeTokenizer.tokens("BP 142/88 mmHg; c.1521G>A"));
    }

    @Test
    void oneSlotTemplatesAreNearDuplicates() {
        assertEquals(12.0 / 14, RougeL.fMeasure("Which drug class does metformin belong to?",
                "Which drug class does lisinopril belong to?"), 1e-9);
    }

    @Test
    void bitParallelLcsEqualsDynamicProgrammingAcrossWordBoundaries() {
        Random random = new Random(3);
        for (int trial = 0; trial < 2000; trial++) {
            Integer[] pattern = randomTokens(random, 1 + random.nextInt(200));
            Integer[] text = randomTokens(random, 1 + random.nextInt(200));
            long[][] matches = new long[text.length][];
            for (int i = 0; i < text.length; i++) {
                long[] mask = new long[(pattern.length + 63) / 64];
                boolean any = false;
                for (int j = 0; j < pattern.length; j++) {
                    if (pattern[j].equals(text[i])) {
                        mask[j / 64] |= 1L << (j % 64);
                        any = true;
                    }
                }
                matches[i] = any ? mask : null;
            }
            assertEquals(RougeL.lcs(unboxed(pattern), unboxed(text)), BitParallelLcs.lcs(matches, pattern.length));
        }
    }

    @Test
    void indexRejectsOnlyTextsAboveTheThresholdAgainstAnAdmittedOne() {
        RougeLIndex index = new RougeLIndex(0.7);
        assertTrue(index.offer("Which drug class does metformin belong to?").admitted());
        RougeLIndex.Verdict near = index.offer("Which drug class does lisinopril belong to?");
        assertFalse(near.admitted());
        assertEquals(12.0 / 14, near.similarity(), 1e-9);
        assertTrue(index.offer("Convert the following glucose readings to mmol/L.").admitted());
    }

    private static int[] unboxed(Integer[] tokens) {
        return Arrays.stream(tokens).mapToInt(Integer::intValue).toArray();
    }

    private static Integer[] randomTokens(Random random, int n) {
        Integer[] tokens = new Integer[n];
        int vocabulary = 2 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            tokens[i] = random.nextInt(vocabulary);
        }
        return tokens;
    }
}
