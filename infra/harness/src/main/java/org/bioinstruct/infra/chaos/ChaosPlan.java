package org.bioinstruct.infra.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded schedule of faults: {@code killsPerStage} kill -9s of each stage and one broker restart, each
 * in a slot of its own spread over the window (so faults do not pile up), at a random point within its
 * slot, in a random order in which no stage is hit in two neighbouring slots.
 */
public final class ChaosPlan {
    private static final int MAX_SHUFFLES = 10_000;

    private ChaosPlan() {
    }

    public static List<ChaosEvent> of(List<String> stages, int killsPerStage, long startMillis, long windowMillis,
                                      long minPauseMillis, long maxPauseMillis, long seed) {
        if (stages.isEmpty() || killsPerStage < 1 || windowMillis <= 0 || minPauseMillis > maxPauseMillis) {
            throw new IllegalArgumentException("a chaos plan needs stages, kills >= 1, a window and min pause <= max pause");
        }
        Random random = new Random(seed);
        List<String> order = order(stages, killsPerStage, random);
        long slot = windowMillis / order.size();
        List<ChaosEvent> events = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            long at = startMillis + i * slot + slot / 4 + (long) (random.nextDouble() * slot / 2);
            long pause = minPauseMillis + (long) (random.nextDouble() * (maxPauseMillis - minPauseMillis));
            events.add(new ChaosEvent(at, order.get(i), pause));
        }
        return List.copyOf(events);
    }

    private static List<String> order(List<String> stages, int killsPerStage, Random random) {
        List<String> targets = new ArrayList<>();
        for (int k = 0; k < killsPerStage; k++) {
            targets.addAll(stages);
        }
        targets.add(ChaosEvent.BROKER);
        for (int attempt = 0; attempt < MAX_SHUFFLES; attempt++) {
            Collections.shuffle(targets, random);
            if (noNeighbourRepeats(targets)) {
                return targets;
            }
        }
        throw new IllegalArgumentException("cannot order " + targets + " without hitting a stage twice in a row");
    }

    private static boolean noNeighbourRepeats(List<String> targets) {
        for (int i = 1; i < targets.size(); i++) {
            if (targets.get(i).equals(targets.get(i - 1))) {
                return false;
            }
        }
        return true;
    }
}
