package org.bioinstruct.generator.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** A Random whose nextDouble is fixed, to pin the jitter. */
    private static Random fixed(double value) {
        return new Random() {
            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void doublesTheCeilingPerRetryUpToTheMaximum() {
        Backoff backoff = new Backoff(1000, 60_000, fixed(0.5));

        assertEquals(1000, backoff.ceilingMs(0));
        assertEquals(8000, backoff.ceilingMs(3));
        assertEquals(60_000, backoff.ceilingMs(6));
        assertEquals(60_000, backoff.ceilingMs(200));
        assertEquals(4000, backoff.delayMs(3, OptionalLong.empty()));
    }

    @Test
    void drawsEveryWaitFromZeroToTheCeiling() {
        Backoff backoff = new Backoff(100, 10_000, new Random(3));
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 2000; i++) {
            long wait = backoff.delayMs(4, OptionalLong.empty());
            assertTrue(wait >= 0 && wait <= 1600, "wait " + wait);
            smallest = Math.min(smallest, wait);
            largest = Math.max(largest, wait);
        }
        assertTrue(smallest < 100 && largest > 1500, smallest + ".." + largest);
    }

    @Test
    void neverWaitsLessThanRetryAfter() {
        Backoff backoff = new Backoff(100, 400, fixed(0.99));

        assertEquals(5000, backoff.delayMs(0, OptionalLong.of(5000)));
        assertEquals(396, backoff.delayMs(5, OptionalLong.of(10)));
    }
}
