package org.bioinstruct.infra.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LongSamplesTest {
    @Test
    void nearestRankPercentilesOverAThousandSamplesAddedOutOfOrder() {
        LongSamples samples = new LongSamples();
        for (int i = 1000; i >= 1; i--) {
            samples.add(i);
        }

        assertEquals(1000, samples.size());
        assertEquals(500, samples.percentile(50));
        assertEquals(990, samples.percentile(99));
        assertEquals(1000, samples.percentile(100));
        assertEquals(1, samples.percentile(0.01));
    }

    @Test
    void selectsTheSamplesWhoseParallelKeyReachesTheMinimum() {
        LongSamples latencies = new LongSamples();
        LongSamples createdAt = new LongSamples();
        for (int i = 0; i < 10; i++) {
            latencies.add(100 - i);
            createdAt.add(1_000 + i);
        }

        LongSamples late = latencies.whereKeyAtLeast(createdAt, 1_005);

        assertEquals(5, late.size());
        assertEquals(91, late.percentile(0.01));
        assertEquals(95, late.percentile(100));
    }

    @Test
    void emptySamplesHaveNoLatency() {
        assertEquals(0, new LongSamples().percentile(99));
    }
}
