package org.bioinstruct.trainer.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Length-bucketed micro-batches for one epoch: the sequences are shuffled, sorted by length (so a batch pads
 * little), cut into batches and the batches shuffled. The same seed gives the same batches.
 */
final class LengthBuckets {
    private LengthBuckets() {
    }

    static <T> List<List<T>> epoch(List<T> items, int batchSize, ToLength<T> length, long seed) {
        Random random = new Random(seed);
        List<T> order = new ArrayList<>(items);
        Collections.shuffle(order, random);
        order.sort(Comparator.comparingInt(length::of));
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            batches.add(List.copyOf(order.subList(from, Math.min(order.size(), from + batchSize))));
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    @FunctionalInterface
    interface ToLength<T> {
        int of(T item);
    }
}
