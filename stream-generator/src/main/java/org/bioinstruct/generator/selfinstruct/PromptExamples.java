package org.bioinstruct.generator.selfinstruct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Picks the in-context examples of one request: k seeds and up to j machine tasks, each drawn uniformly
 * without replacement, in shuffled order (as Self-Instruct does). Deterministic for a {@link Random} state
 * as long as the machine pool holds the same tasks.
 */
final class PromptExamples {
    private final SeedPool seeds;
    private final MachineTaskPool machine;
    private final int seedsPerPrompt;
    private final int machinePerPrompt;

    PromptExamples(SeedPool seeds, MachineTaskPool machine, int seedsPerPrompt, int machinePerPrompt) {
        if (seedsPerPrompt > seeds.size()) {
            throw new IllegalArgumentException("cannot show " + seedsPerPrompt + " seeds from a pool of " + seeds.size());
        }
        this.seeds = seeds;
        this.machine = machine;
        this.seedsPerPrompt = seedsPerPrompt;
        this.machinePerPrompt = machine == null ? 0 : machinePerPrompt;
    }

    List<SeedTask> draw(Random random) {
        List<SeedTask> examples = new ArrayList<>(seeds.sample(seedsPerPrompt, random));
        if (machinePerPrompt > 0) {
            examples.addAll(machine.sample(machinePerPrompt, random));
            Collections.shuffle(examples, random);
        }
        return examples;
    }
}
