package org.bioinstruct.schemas.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RougeLOfTextsTest {
    @Test
    void identicalTextsScoreOne() {
        assertEquals(1.0, RougeL.fMeasure("The cat sat.", "the CAT sat"), 1e-12);
    }

    @Test
    void scoresLongestCommonSubsequenceByHand() {
        // candidate: the cat was found under the bed (7); reference: the cat was under the bed (6); LCS = 6
        double p = 6.0 / 7;
        double r = 6.0 / 6;
        assertEquals(2 * p * r / (p + r), RougeL.fMeasure("the cat was found under the bed", "the cat was under the bed"),
                1e-12);
    }

    @Test
    void countsSubsequenceNotSubstring() {
        // LCS of [a b c d e] and [a x c y e] is [a c e]: P = R = 3/5
        assertEquals(0.6, RougeL.fMeasure("a b c d e", "a x c y e"), 1e-12);
    }

    @Test
    void tokenizesLikeRougeScore() {
        assertEquals(List.of("il", "6", "binds", "gp130", "5", "g"), RougeTokenizer.tokens("IL-6 binds gp130 (5 µg)!"));
    }

    @Test
    void emptyOrDisjointTextsScoreZero() {
        assertEquals(0.0, RougeL.fMeasure("", "something"));
        assertEquals(0.0, RougeL.fMeasure("---", "something"));
        assertEquals(0.0, RougeL.fMeasure("alpha beta", "gamma delta"));
    }
}
