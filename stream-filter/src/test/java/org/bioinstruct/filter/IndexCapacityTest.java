package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexCapacityTest {
    private static final long MB = 1 << 20;
    private static final long HEAP = 400 * MB;

    @Test
    void staysQuietWhileTheIndexIsUnderHalfTheHeap() {
        IndexCapacity capacity = new IndexCapacity(HEAP);
        assertEquals(Optional.empty(), capacity.check(0, 0));
        assertEquals(Optional.empty(), capacity.check(150_000, 199 * MB));
    }

    @Test
    void warnsOnceAtHalfTheHeapAndOnceMoreAtThreeQuarters() {
        IndexCapacity capacity = new IndexCapacity(HEAP);
        String half = capacity.check(200_000, 200 * MB).orElseThrow();
        assertEquals("the near-duplicate index holds 200,000 accepted tasks in about 200 MB, 50% of the filter's "
                + "400 MB heap, and grows by about 1,048 bytes per accepted task: give the filter a larger heap before "
                + "it runs out (BIOINSTRUCT_FILTER_HEAP=2g for the local stack, JAVA_OPTS=-Xmx... or the container's "
                + "memory in a deployment)", half);
        assertEquals(Optional.empty(), capacity.check(250_000, 260 * MB));
        assertTrue(capacity.check(300_000, 300 * MB).orElseThrow().contains(", 75% of the filter's 400 MB heap"));
        assertEquals(Optional.empty(), capacity.check(350_000, 380 * MB));
    }

    @Test
    void warnsOnlyOnceWhenARestartRebuildsAnIndexPastBothThresholds() {
        IndexCapacity capacity = new IndexCapacity(HEAP);
        assertTrue(capacity.check(320_000, 320 * MB).orElseThrow().contains(", 80% of the filter's"));
        assertEquals(Optional.empty(), capacity.check(321_000, 321 * MB));
    }
}
