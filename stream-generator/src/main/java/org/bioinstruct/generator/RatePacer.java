package org.bioinstruct.generator;

/** Spaces sends so that at most {@code recordsPerSecond} go out per second; 0 means no limit. */
final class RatePacer {
    private final double nanosPerRecord;
    private final long start = System.nanoTime();

    RatePacer(double recordsPerSecond) {
        this.nanosPerRecord = recordsPerSecond <= 0 ? 0 : 1e9 / recordsPerSecond;
    }

    /** Blocks until the {@code sent}-th record (counting from 0) is due. */
    void awaitTurn(long sent) throws InterruptedException {
        if (nanosPerRecord == 0) {
            return;
        }
        long dueAt = start + (long) (sent * nanosPerRecord);
        long wait = dueAt - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
