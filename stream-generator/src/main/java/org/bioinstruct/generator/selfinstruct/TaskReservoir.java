package org.bioinstruct.generator.selfinstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bioinstruct.generator.Reservoir;

/**
 * A bounded, uniform sample of every task offered so far ({@link Reservoir}), thread-safe.
 */
final class TaskReservoir implements MachineTaskPool {
    private final Reservoir<SeedTask> reservoir;

    TaskReservoir(int capacity, Random replacement) {
        this.reservoir = new Reservoir<>(capacity, replacement::nextDouble);
    }

    synchronized void offer(SeedTask task) {
        reservoir.offer(task);
    }

    synchronized int size() {
        return reservoir.size();
    }

    synchronized long offered() {
        return reservoir.offered();
    }

    @Override
    public List<SeedTask> sample(int n, Random random) {
        List<SeedTask> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(reservoir.items());
        }
        return Sampling.withoutReplacement(snapshot, n, random);
    }
}
