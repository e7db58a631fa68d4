package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.bioinstruct.schemas.avro.Split;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {

    @Test
    void assignsTheSameSplitToTheSameIdEveryTime() {
        SplitAssigner one = new SplitAssigner(0.3);
        SplitAssigner other = new SplitAssigner(0.3);
        IntStream.range(0, 1_000).mapToObj(i -> "inst-" + i)
                .forEach(id -> assertEquals(one.splitOf(id), other.splitOf(id), id));
    }

    @Test
    void putsCloseToTheConfiguredFractionInEval() {
        SplitAssigner assigner = new SplitAssigner(0.1);
        int n = 20_000;
        long eval = IntStream.range(0, n).mapToObj(i -> "gen-" + i + "-" + (i * 7919))
                .filter(id -> assigner.splitOf(id) == Split.EVAL).count();
        double fraction = (double) eval / n;
        assertTrue(Math.abs(fraction - 0.1) < 0.01, "eval fraction " + fraction);
    }

    @Test
    void sendsEverythingToOneSplitAtTheExtremes() {
        IntStream.range(0, 500).mapToObj(i -> "x" + i).forEach(id -> {
            assertEquals(Split.TRAIN, new SplitAssigner(0.0).splitOf(id));
            assertEquals(Split.EVAL, new SplitAssigner(1.0).splitOf(id));
        });
    }

    @Test
    void keysByTheSplitName() {
        InstructionExample example = Examples.example("k-1", 0, 0);
        assertEquals("TRAIN", new SplitAssigner(0.0).getKey(example));
        assertEquals("EVAL", new SplitAssigner(1.0).getKey(example));
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new SplitAssigner(1.5));
    }
}
