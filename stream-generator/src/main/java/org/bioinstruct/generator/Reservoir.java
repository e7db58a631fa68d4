package org.bioinstruct.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A bounded, uniform sample of every item offered so far (reservoir sampling, Algorithm R): once full, the
 * n-th item offered replaces a random slot with probability capacity / n. Draws come from the given source
 * (values in [0, 1)), so a seeded caller stays deterministic; no draw is made until the sample is full.
 * Not thread-safe.
 */
public final class Reservoir<T> {
    private final int capacity;
    private final DoubleSupplier unit;
    private final List<T> slots;
    private long offered;

    public Reservoir(int capacity, DoubleSupplier unit) {
        if (capacity < 1) {
            throw new IllegalArgumentException("reservoir capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.unit = unit;
        this.slots = new ArrayList<>(Math.min(capacity, 1024));
    }

    public void offer(T item) {
        offered++;
        if (slots.size() < capacity) {
            slots.add(item);
            return;
        }
        long slot = (long) (unit.getAsDouble() * offered);
        if (slot < capacity) {
            slots.set((int) slot, item);
        }
    }

    /** The sample, live: it changes with later offers. */
    public List<T> items() {
        return slots;
    }

    public int size() {
        return slots.size();
    }

    public long offered() {
        return offered;
    }
}
