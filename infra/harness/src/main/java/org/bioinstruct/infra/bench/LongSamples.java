package org.bioinstruct.infra.bench;

import java.util.Arrays;

/** A growable list of long samples (latencies in ms) with nearest-rank percentiles. */
final class LongSamples {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The samples whose key, the value at the same index of {@code keys}, is at least {@code min}. */
    LongSamples whereKeyAtLeast(LongSamples keys, long min) {
        LongSamples selected = new LongSamples();
        for (int i = 0; i < size; i++) {
            if (keys.values[i] >= min) {
                selected.add(values[i]);
            }
        }
        return selected;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]; 0 when empty. */
    long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)];
    }
}
