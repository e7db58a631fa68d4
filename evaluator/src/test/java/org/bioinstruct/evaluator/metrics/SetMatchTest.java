package org.bioinstruct.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SetMatchTest {
    @Test
    void countsHitsMissesAndFalseAlarms() {
        Prf prf = SetMatch.count(Set.of("metformin", "aspirin", "ibuprofen"), Set.of("metformin", "aspirin", "warfarin", "heparin"));
        assertEquals(new Prf(2, 1, 2), prf);
        assertEquals(2.0 / 3, prf.precision(), 1e-12);
        assertEquals(0.5, prf.recall(), 1e-12);
        assertEquals(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), prf.f1(), 1e-12); // 4/7
        assertEquals(4.0 / 7, prf.f1(), 1e-12);
    }

    @Test
    void microAveragingAddsCountsBeforeDividing() {
        // example 1: 1 of 1 right; example 2: 0 of 3 right with 1 wrong prediction. Micro P = 1/2, R = 1/4.
        Prf total = SetMatch.count(Set.of("a"), Set.of("a")).plus(SetMatch.count(Set.of("x"), Set.of("b", "c", "d")));
        assertEquals(new Prf(1, 1, 3), total);
        assertEquals(0.5, total.precision(), 1e-12);
        assertEquals(0.25, total.recall(), 1e-12);
        assertEquals(1.0 / 3, total.f1(), 1e-12);
    }

    @Test
    void emptyPredictionsScoreZeroAndEmptyAgainstEmptyIsAPerfectExample() {
        Prf none = SetMatch.count(Set.of(), Set.of("a"));
        assertEquals(0.0, none.precision());
        assertEquals(0.0, none.f1());
        assertEquals(0.0, none.exampleScore());
        Prf nothingToFind = SetMatch.count(Set.of(), Set.of());
        assertEquals(0.0, nothingToFind.f1());
        assertEquals(1.0, nothingToFind.exampleScore());
    }
}
