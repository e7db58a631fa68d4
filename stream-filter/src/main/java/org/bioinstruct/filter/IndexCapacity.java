package org.bioinstruct.filter;

import java.util.Locale;
import java.util.Optional;

/**
 * Watches the near-duplicate index against the filter's heap. The index holds every accepted task (about 1 KB
 * each) and grows with the dataset, so a filter left running long enough needs a larger heap; without a warning
 * it would only learn that from an OutOfMemoryError, and then again at every restart, since each restart
 * rebuilds the same index. Warns once as the index passes half the heap and once more at three quarters.
 */
final class IndexCapacity {
    private static final double[] THRESHOLDS = {0.50, 0.75};
    private static final long MB = 1 << 20;

    private final long maxHeapBytes;
    private int thresholdsPassed;

    IndexCapacity(long maxHeapBytes) {
        this.maxHeapBytes = maxHeapBytes;
    }

    /** A warning the first time the index passes a further threshold; empty otherwise. */
    Optional<String> check(long tasks, long indexBytes) {
        int passed = 0;
        while (passed < THRESHOLDS.length && indexBytes >= THRESHOLDS[passed] * maxHeapBytes) {
            passed++;
        }
        if (passed <= thresholdsPassed) {
            return Optional.empty();
        }
        thresholdsPassed = passed;
        return Optional.of(String.format(Locale.ROOT, "the near-duplicate index holds %,d accepted tasks in about "
                        + "%,d MB, %.0f%% of the filter's %,d MB heap, and grows by about %,d bytes per accepted task: "
                        + "give the filter a larger heap before it runs out (BIOINSTRUCT_FILTER_HEAP=2g for the local "
                        + "stack, JAVA_OPTS=-Xmx... or the container's memory in a deployment)", tasks,
                indexBytes / MB, 100.0 * indexBytes / maxHeapBytes, maxHeapBytes / MB,
                tasks == 0 ? 0 : indexBytes / tasks));
    }
}
