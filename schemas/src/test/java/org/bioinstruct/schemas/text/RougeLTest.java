package org.bioinstruct.schemas.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RougeLTest {

    @Test
    void isTwiceTheLcsOverTheSumOfLengths() {
        // "the cat sat on the mat" vs "the cat lay on a mat": LCS the cat on mat = 4, F = 8 / 12
        assertEquals(8.0 / 12, RougeL.fMeasure(new int[] {1, 2, 3, 4, 1, 5}, new int[] {1, 2, 6, 4, 7, 5}));
        // P = 3/4, R = 3/6, F = 2PR / (P + R) = 0.6
        assertEquals(0.6, RougeL.fMeasure(new int[] {1, 2, 3, 4, 5, 6}, new int[] {1, 3, 6, 9}), 1e-15);
    }

    @Test
    void identicalTextsScoreOneAndDisjointTextsZero() {
        assertEquals(1.0, RougeL.fMeasure(new int[] {4, 4, 2}, new int[] {4, 4, 2}));
        assertEquals(0.0, RougeL.fMeasure(new int[] {1, 2}, new int[] {3}));
    }

    @Test
    void anEmptySideScoresZero() {
        assertEquals(0.0, RougeL.fMeasure(new int[] {}, new int[] {1}));
        assertEquals(0.0, RougeL.fMeasure(new int[] {}, new int[] {}));
    }

    @Test
    void isSymmetric() {
        int[] a = {1, 2, 3, 4, 5, 6, 7};
        int[] b = {7, 1, 3, 5, 8};
        assertEquals(RougeL.fMeasure(a, b), RougeL.fMeasure(b, a));
    }

    @Test
    void aPairExactlyAtSevenTenthsComparesEqualToTheThreshold() {
        // 7 common tokens out of 8 and 12: rouge_score's P, R, 2PR/(P+R) steps round to 0.7000000000000001
        assertEquals(0.7, RougeL.fromLcs(7, 8, 12));
        assertEquals(0.7, RougeL.fromLcs(7, 9, 11));
        assertEquals(0.7, RougeL.fromLcs(14, 20, 20));
    }
}
