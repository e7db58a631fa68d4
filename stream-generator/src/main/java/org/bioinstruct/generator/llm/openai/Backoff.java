package org.bioinstruct.generator.llm.openai;

import java.util.OptionalLong;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} (from 0) is uniform in
 * {@code [0, min(max, initial * 2^n)]}, but never shorter than what the server asked for in Retry-After.
 */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final Random random;

    Backoff(long initialMs, long maxMs, Random random) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    long delayMs(int retry, OptionalLong retryAfterMs) {
        long jittered = Math.round(random.nextDouble() * ceilingMs(retry));
        return Math.max(jittered, retryAfterMs.orElse(0));
    }

    long ceilingMs(int retry) {
        return (long) Math.min(maxMs, initialMs * Math.pow(2, retry));
    }
}
