package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class TaskReservoirTest {

    @Test
    void keepsEverythingUntilFullThenStaysAtCapacity() {
        TaskReservoir reservoir = new TaskReservoir(50, new Random(1));
        offer(reservoir, 0, 30);
        assertEquals(30, reservoir.size());
        offer(reservoir, 30, 1_000);
        assertEquals(50, reservoir.size());
        assertEquals(1_000, reservoir.offered());
    }

    @Test
    void keepsAUniformSampleOfALongStream() {
        TaskReservoir reservoir = new TaskReservoir(500, new Random(2));
        offer(reservoir, 0, 5_000);
        long fromFirstHalf = reservoir.sample(500, new Random(3)).stream()
                .filter(t -> Integer.parseInt(t.id().substring(2)) < 2_500).count();
        // Binomial(500, 0.5): mean 250, sd about 11; an oldest- or newest-biased reservoir is far off.
        assertTrue(Math.abs(fromFirstHalf - 250) < 50, fromFirstHalf + " of 500 from the first half");
    }

    @Test
    void samplesDistinctTasksAndNoMoreThanItHolds() {
        TaskReservoir reservoir = new TaskReservoir(10, new Random(4));
        offer(reservoir, 0, 3);
        List<SeedTask> sample = reservoir.sample(5, new Random(5));
        assertEquals(3, sample.size());
        Set<String> ids = new HashSet<>();
        sample.forEach(t -> ids.add(t.id()));
        assertEquals(3, ids.size());
    }

    private static void offer(TaskReservoir reservoir, int from, int to) {
        for (int i = from; i < to; i++) {
            reservoir.offer(new SeedTask("m-" + i, "Summarize note " + i + ".", "", "summary " + i, Category.GEN));
        }
    }
}
