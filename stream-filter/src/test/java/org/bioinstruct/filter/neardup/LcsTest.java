package org.bioinstruct.filter.neardup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.bioinstruct.schemas.text.RougeL;
import org.junit.jupiter.api.Test;

class LcsTest {

    @Test
    void dynamicProgrammingGivesTheTextbookLengths() {
        assertEquals(4, RougeL.lcs(new int[] {1, 2, 3, 2, 4, 1, 2}, new int[] {2, 4, 3, 1, 2, 1}));
        assertEquals(0, RougeL.lcs(new int[] {1, 2}, new int[] {3, 4}));
        assertEquals(0, RougeL.lcs(new int[] {}, new int[] {3, 4}));
        assertEquals(3, RougeL.lcs(new int[] {5, 5, 5}, new int[] {5, 5, 5, 5}));
    }

    @Test
    void bitParallelAgreesWithDynamicProgrammingOnShortRandomSequences() {
        assertAgreement(new SplittableRandom(1), 4000, 1, 64, 8);
    }

    @Test
    void bitParallelAgreesAcrossWordBoundariesBeyond64And128Tokens() {
        assertAgreement(new SplittableRandom(2), 1500, 60, 300, 6);
        assertAgreement(new SplittableRandom(3), 500, 120, 200, 40);
    }

    @Test
    void bitParallelHandlesExactWordSizesAndEmptySequences() {
        SplittableRandom random = new SplittableRandom(4);
        for (int length : new int[] {63, 64, 65, 127, 128, 129, 192}) {
            int[] a = random.ints(length, 0, 3).toArray();
            int[] b = random.ints(length + 7, 0, 3).toArray();
            assertEquals(RougeL.lcs(a, b), Lcs.bitParallel(a, b), "length " + length);
            assertEquals(length, Lcs.bitParallel(a, a));
        }
        assertEquals(0, Lcs.bitParallel(new int[] {}, new int[] {1}));
        assertEquals(0, Lcs.bitParallel(new int[] {1}, new int[] {}));
    }

    @Test
    void aCompiledPatternGivesTheSameLengthForEveryText() {
        SplittableRandom random = new SplittableRandom(5);
        int[] pattern = random.ints(150, -20, 20).toArray();
        LcsPattern compiled = LcsPattern.of(pattern);
        for (int i = 0; i < 200; i++) {
            int[] text = random.ints(random.nextInt(1, 200), -20, 20).toArray();
            assertEquals(RougeL.lcs(pattern, text), compiled.lcs(text));
        }
    }

    @Test
    void denseMasksGiveTheSameLengthsAndLeaveNothingBehindAfterUnloading() {
        SplittableRandom random = new SplittableRandom(6);
        DenseLcs dense = new DenseLcs();
        for (int i = 0; i < 600; i++) {
            int alphabet = random.nextInt(2, 50);
            int[] pattern = random.ints(random.nextInt(1, 200), -3, alphabet).toArray();
            dense.load(pattern, alphabet);
            for (int j = 0; j < 5; j++) {
                int[] text = random.ints(random.nextInt(0, 200), 0, alphabet).toArray();
                assertEquals(RougeL.lcs(pattern, text), dense.lcs(text), "pattern " + i);
            }
            dense.unload();
        }
    }

    private static void assertAgreement(SplittableRandom random, int pairs, int minLength, int maxLength,
            int alphabet) {
        for (int i = 0; i < pairs; i++) {
            int[] a = random.ints(random.nextInt(minLength, maxLength + 1), 0, alphabet).toArray();
            int[] b = random.ints(random.nextInt(minLength, maxLength + 1), 0, alphabet).toArray();
            assertEquals(RougeL.lcs(a, b), Lcs.bitParallel(a, b), "pair " + i);
        }
    }
}
