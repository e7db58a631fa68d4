package org.bioinstruct.generator.llm.openai;

import java.util.function.LongSupplier;

/**
 * A per-minute budget (requests or tokens) refilled continuously, holding at most one minute's worth.
 * Callers reserve what they need and are told how long to wait for it; the bucket may go into debt, so a
 * reservation larger than a minute's budget still goes through, only later. Never blocks itself.
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double available;
    private long refilledAt;

    /** {@code perMinute} 0 means unlimited. */
    TokenBucket(long perMinute, LongSupplier nanoClock) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.nanoClock = nanoClock;
        this.available = perMinute;
        this.refilledAt = nanoClock.getAsLong();
    }

    boolean unlimited() {
        return capacity == 0;
    }

    /** Takes {@code amount} and returns the nanoseconds to wait before using it (0 when available now). */
    synchronized long reserve(long amount) {
        if (unlimited()) {
            return 0;
        }
        refill();
        available -= amount;
        return available >= 0 ? 0 : (long) Math.ceil(-available / perNano);
    }

    /** Gives back (positive) or takes more (negative), e.g. once the real token usage is known. */
    synchronized void adjust(long amount) {
        if (unlimited()) {
            return;
        }
        refill();
        available = Math.min(capacity, available + amount);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        available = Math.min(capacity, available + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
