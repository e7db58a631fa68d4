package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {
    private static final List<Integer> LENGTHS = IntStream.range(0, 40).map(i -> (i * 37) % 100 + 1).boxed().toList();

    @Test
    void everySequenceOncePerEpochInBatchesOfSimilarLength() {
        List<List<Integer>> batches = LengthBuckets.epoch(LENGTHS, 8, l -> l, 3);

        assertEquals(5, batches.size());
        assertEquals(LENGTHS.stream().sorted().toList(), batches.stream().flatMap(List::stream).sorted().toList());
        int padding = batches.stream().mapToInt(b -> b.stream().mapToInt(l -> max(b) - l).sum()).sum();
        int unsortedPadding = IntStream.range(0, 5).map(i -> {
            List<Integer> b = LENGTHS.subList(8 * i, 8 * i + 8);
            return b.stream().mapToInt(l -> max(b) - l).sum();
        }).sum();
        assertTrue(padding * 4 < unsortedPadding, "bucketed padding " + padding + " vs " + unsortedPadding);
    }

    @Test
    void theSeedFixesTheOrderAndDifferentSeedsShuffleIt() {
        assertEquals(LengthBuckets.epoch(LENGTHS, 8, l -> l, 3), LengthBuckets.epoch(LENGTHS, 8, l -> l, 3));
        assertNotEquals(LengthBuckets.epoch(LENGTHS, 8, l -> l, 3), LengthBuckets.epoch(LENGTHS, 8, l -> l, 4));
    }

    private static int max(List<Integer> batch) {
        return batch.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
