package org.bioinstruct.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultipleChoiceTest {
    @Test
    void accPicksTheHighestLogLikelihood() {
        assertEquals(1, MultipleChoice.choice(new double[] {-7.0, -2.5, -3.0}));
    }

    @Test
    void accNormDividesByTheOptionsByteLength() {
        // raw: "no" (-2.0) wins over "probably yes" (-6.0); per byte: -1.0 vs -0.5, so acc_norm picks option 1
        List<String> options = List.of("no", "probably yes");
        double[] ll = {-2.0, -6.0};
        assertEquals(0, MultipleChoice.choice(ll));
        assertEquals(1, MultipleChoice.normalizedChoice(ll, options));
    }

    @Test
    void accNormCountsUtf8BytesNotCharacters() {
        // "β-blocker" is 9 characters but 10 bytes: -5/10 = -0.5 beats "statin" at -3.3/6 = -0.55
        assertEquals(0, MultipleChoice.normalizedChoice(new double[] {-5.0, -3.3}, List.of("β-blocker", "statin")));
    }

    @Test
    void tiesGoToTheFirstOption() {
        assertEquals(0, MultipleChoice.choice(new double[] {-1.0, -1.0}));
    }

    @Test
    void rejectsMismatchedOptionCount() {
        assertThrows(IllegalArgumentException.class, () -> MultipleChoice.normalizedChoice(new double[] {-1}, List.of("a", "b")));
    }
}
