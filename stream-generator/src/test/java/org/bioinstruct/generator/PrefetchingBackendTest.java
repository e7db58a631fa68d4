package org.bioinstruct.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bioinstruct.generator.synthetic.SyntheticBackend;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class PrefetchingBackendTest {

    /** Numbered tasks, {@code total} of them, counting how many were asked for. */
    private static final class Numbered implements GenerationBackend {
        final AtomicLong handedOut = new AtomicLong();
        final long total;
        final long failAt;

        Numbered(long total, long failAt) {
            this.total = total;
            this.failAt = failAt;
        }

        public String source() {
            return "numbered";
        }

        public String promptVersion() {
            return "v1";
        }

        public List<CandidateTask> nextBatch(int size) {
            List<CandidateTask> batch = new ArrayList<>();
            while (batch.size() < size && handedOut.get() < total) {
                long n = handedOut.incrementAndGet();
                if (n == failAt) {
                    throw new IllegalStateException("backend broke at " + n);
                }
                batch.add(new CandidateTask("Task number " + n + " here", "", "out " + n, Category.OTHER));
            }
            return batch;
        }
    }

    @Test
    void keepsTheDelegatesOrderWhateverTheBatchSizesAsked() {
        List<CandidateTask> direct = new SyntheticBackend(9).nextBatch(1000);
        List<CandidateTask> prefetched = new ArrayList<>();
        try (PrefetchingBackend backend = new PrefetchingBackend(new SyntheticBackend(9), 64, 3, 1000)) {
            int[] sizes = {7, 100, 1, 333};
            for (int i = 0; prefetched.size() < 1000; i++) {
                prefetched.addAll(backend.nextBatch(Math.min(sizes[i % sizes.length], 1000 - prefetched.size())));
            }
        }
        assertEquals(direct, prefetched);
    }

    @Test
    void neverAsksTheDelegateForMoreThanTheLimit() throws InterruptedException {
        Numbered delegate = new Numbered(10_000, -1);
        try (PrefetchingBackend backend = new PrefetchingBackend(delegate, 100, 4, 250)) {
            long received = 0;
            for (List<CandidateTask> batch = backend.nextBatch(100); !batch.isEmpty(); batch = backend.nextBatch(100)) {
                received += batch.size();
            }
            assertEquals(250, received);
        }
        assertEquals(250, delegate.handedOut.get());
    }

    @Test
    void endsWhenTheDelegateRunsOut() {
        try (PrefetchingBackend backend = new PrefetchingBackend(new Numbered(150, -1), 100, 2, 0)) {
            assertEquals(100, backend.nextBatch(100).size());
            assertEquals(50, backend.nextBatch(100).size());
            assertTrue(backend.nextBatch(100).isEmpty());
            assertTrue(backend.nextBatch(100).isEmpty());
        }
    }

    @Test
    void aDelegateFailureReachesTheCallerAfterTheTasksBeforeIt() {
        try (PrefetchingBackend backend = new PrefetchingBackend(new Numbered(1000, 120), 100, 2, 0)) {
            assertEquals(100, backend.nextBatch(100).size());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> backend.nextBatch(100));
            assertEquals("backend broke at 120", e.getMessage());
        }
    }
}
