package org.bioinstruct.generator.selfinstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A bounded, uniform sample of every task offered so far (reservoir sampling, Algorithm R): once full,
 * the n-th task offered replaces a random slot with probability capacity / n. Thread-safe.
 */
final class TaskReservoir implements MachineTaskPool {
    private final int capacity;
    private final Random replacement;
    private final List<SeedTask> slots;
    private long offered;

    TaskReservoir(int capacity, Random replacement) {
        if (capacity < 1) {
            throw new IllegalArgumentException("reservoir capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.replacement = replacement;
        this.slots = new ArrayList<>(Math.min(capacity, 1024));
    }

    synchronized void offer(SeedTask task) {
        offered++;
        if (slots.size() < capacity) {
            slots.add(task);
            return;
        }
        long slot = (long) (replacement.nextDouble() * offered);
        if (slot < capacity) {
            slots.set((int) slot, task);
        }
    }

    synchronized int size() {
        return slots.size();
    }

    synchronized long offered() {
        return offered;
    }

    @Override
    public List<SeedTask> sample(int n, Random random) {
        List<SeedTask> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(slots);
        }
        return Sampling.withoutReplacement(snapshot, n, random);
    }
}
