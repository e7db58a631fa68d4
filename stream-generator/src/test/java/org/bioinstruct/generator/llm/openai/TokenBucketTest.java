package org.bioinstruct.generator.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong clock = new AtomicLong();

    @Test
    void neverWaitsWhenUnlimited() {
        TokenBucket bucket = new TokenBucket(0, clock::get);

        assertEquals(0, bucket.reserve(1_000_000));
    }

    @Test
    void spendsAMinutesBudgetAtOnceThenWaitsForTheRefill() {
        TokenBucket bucket = new TokenBucket(60, clock::get);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, bucket.reserve(1));
        }

        assertEquals(TimeUnit.SECONDS.toNanos(1), bucket.reserve(1), 1000);
        assertEquals(TimeUnit.SECONDS.toNanos(2), bucket.reserve(1), 1000);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertEquals(TimeUnit.SECONDS.toNanos(1), bucket.reserve(9), 1000);
    }

    @Test
    void letsAReservationLargerThanTheBudgetThroughLater() {
        TokenBucket bucket = new TokenBucket(6000, clock::get);

        assertEquals(0, bucket.reserve(6000));
        assertEquals(TimeUnit.SECONDS.toNanos(30), bucket.reserve(3000), 1000);
    }

    @Test
    void takesBackWhatAReservationOverestimated() {
        TokenBucket bucket = new TokenBucket(6000, clock::get);
        bucket.reserve(6000);
        bucket.adjust(3000);

        assertEquals(0, bucket.reserve(3000));
        assertEquals(TimeUnit.SECONDS.toNanos(1), bucket.reserve(100), 1000);
    }

    @Test
    void neverHoldsMoreThanOneMinutesBudget() {
        TokenBucket bucket = new TokenBucket(60, clock::get);
        clock.addAndGet(TimeUnit.MINUTES.toNanos(10));
        bucket.adjust(1000);

        assertEquals(0, bucket.reserve(60));
        assertEquals(TimeUnit.SECONDS.toNanos(1), bucket.reserve(1), 1000);
    }
}
