package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class PromptExamplesTest {
    private static final SeedPool SEEDS = SeedPool.fromClasspath();

    @Test
    void sameSeedGivesTheSamePicks() {
        assertEquals(picks(42, 50), picks(42, 50));
        assertNotEquals(picks(42, 50), picks(43, 50));
    }

    @Test
    void neverShowsTheSameSeedTwiceInOnePrompt() {
        PromptExamples examples = new PromptExamples(SEEDS, null, 8, 0);
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            List<SeedTask> shown = examples.draw(random);
            assertEquals(8, shown.size());
            assertEquals(8, new HashSet<>(shown).size(), "duplicate in " + shown);
        }
    }

    @Test
    void drawsEverySeedAboutEquallyOften() {
        PromptExamples examples = new PromptExamples(SEEDS, null, 3, 0);
        Random random = new Random(11);
        Map<String, Integer> counts = new HashMap<>();
        int prompts = 8_000;
        for (int i = 0; i < prompts; i++) {
            examples.draw(random).forEach(seed -> counts.merge(seed.id(), 1, Integer::sum));
        }
        assertEquals(SEEDS.size(), counts.size(), "every seed drawn");
        double expected = prompts * 3.0 / SEEDS.size();
        double chiSquare = counts.values().stream().mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
        // 79 degrees of freedom: the 99.9th percentile is about 124; a biased sampler lands far above it.
        assertTrue(chiSquare < 124, "chi-square " + chiSquare + " for " + counts);
    }

    @Test
    void addsMachineTasksAndShufflesThemAmongTheSeeds() {
        MachineTaskPool machine = (n, random) -> Sampling.withoutReplacement(machineTasks(10), n, random);
        PromptExamples examples = new PromptExamples(SEEDS, machine, 6, 2);
        Random random = new Random(5);
        Map<Integer, Integer> machinePositions = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            List<SeedTask> shown = examples.draw(random);
            assertEquals(8, shown.size());
            assertEquals(2, shown.stream().filter(t -> t.id().startsWith("machine-")).count());
            for (int p = 0; p < shown.size(); p++) {
                if (shown.get(p).id().startsWith("machine-")) {
                    machinePositions.merge(p, 1, Integer::sum);
                }
            }
        }
        assertEquals(8, machinePositions.size(), "machine tasks appear at every position: " + machinePositions);
    }

    @Test
    void showsFewerMachineTasksWhileThePoolHoldsFewer() {
        MachineTaskPool machine = (n, random) -> Sampling.withoutReplacement(machineTasks(1), n, random);
        assertEquals(4, new PromptExamples(SEEDS, machine, 3, 2).draw(new Random(1)).size());
    }

    @Test
    void refusesToShowMoreSeedsThanThePoolHolds() {
        assertThrows(IllegalArgumentException.class, () -> new PromptExamples(SEEDS, null, SEEDS.size() + 1, 0));
    }

    private static List<List<String>> picks(long seed, int prompts) {
        PromptExamples examples = new PromptExamples(SEEDS, null, 3, 0);
        Random random = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            out.add(examples.draw(random).stream().map(SeedTask::id).toList());
        }
        return out;
    }

    static List<SeedTask> machineTasks(int count) {
        List<SeedTask> tasks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tasks.add(new SeedTask("machine-" + i, "List the drugs in note " + i + ".", "Note " + i, "aspirin",
                    Category.IE));
        }
        return tasks;
    }
}
