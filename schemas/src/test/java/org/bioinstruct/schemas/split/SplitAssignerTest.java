package org.bioinstruct.schemas.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bioinstruct.schemas.avro.Split;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {

    @Test
    void assignsTheSameSplitToTheSameIdEveryTime() {
        SplitAssigner one = new SplitAssigner(0.3);
        SplitAssigner other = new SplitAssigner(0.3);
        IntStream.range(0, 1_000).mapToObj(i -> "inst-" + i)
                .forEach(id -> assertEquals(one.splitOf(id, "QA"), other.splitOf(id, "QA"), id));
    }

    @Test
    void keepsTheSplitOfEveryIdAcrossReleases() {
        SplitAssigner assigner = new SplitAssigner(0.3);
        List<Integer> eval = IntStream.range(0, 40).filter(i -> assigner.splitOf("inst-" + i, "QA") == Split.EVAL)
                .boxed().toList();
        // SHA-256 of the id, first 53 bits as a fraction of 2^53, below 0.3: fixed forever, so a replayed id
        // never changes split (computed independently with Python's hashlib)
        assertEquals(List.of(3, 5, 6, 7, 8, 12, 13, 14, 20, 21, 22, 23, 24, 25, 29, 30, 31, 32, 36, 39), eval);
    }

    @Test
    void putsTheConfiguredFractionOfEveryCategoryInEvalHoweverUnevenTheMix() {
        SplitAssigner assigner = new SplitAssigner(0.1, Map.of("GEN", 0.3));
        Map<String, Integer> sizes = Map.of("QA", 20_000, "IE", 6_000, "GEN", 6_000, "OTHER", 1_500);
        sizes.forEach((category, n) -> {
            long eval = IntStream.range(0, n).mapToObj(i -> category + "-" + i + "-" + (i * 7919))
                    .filter(id -> assigner.splitOf(id, category) == Split.EVAL).count();
            double fraction = (double) eval / n;
            double expected = category.equals("GEN") ? 0.3 : 0.1;
            double tolerance = 4 * Math.sqrt(expected * (1 - expected) / n);
            assertTrue(Math.abs(fraction - expected) < tolerance, category + " eval fraction " + fraction);
        });
    }

    @Test
    void sendsEverythingToOneSplitAtTheExtremes() {
        IntStream.range(0, 500).mapToObj(i -> "x" + i).forEach(id -> {
            assertEquals(Split.TRAIN, new SplitAssigner(0.0).splitOf(id, "IE"));
            assertEquals(Split.EVAL, new SplitAssigner(1.0).splitOf(id, "IE"));
            assertEquals(Split.EVAL, new SplitAssigner(0.0, Map.of("IE", 1.0)).splitOf(id, "IE"));
        });
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new SplitAssigner(1.5));
        assertThrows(IllegalArgumentException.class, () -> new SplitAssigner(0.1, Map.of("QA", -0.1)));
    }
}
