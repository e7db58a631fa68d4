package org.bioinstruct.generator.selfinstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Uniform sampling without replacement, shared by the seed pool and the machine task pools. */
final class Sampling {
    private Sampling() {
    }

    /** Up to {@code n} distinct elements of {@code from}, each subset equally likely; {@code from} is not changed. */
    static <T> List<T> withoutReplacement(List<T> from, int n, Random random) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw " + n + " elements");
        }
        List<T> pool = new ArrayList<>(from);
        int picks = Math.min(n, pool.size());
        for (int i = 0; i < picks; i++) {
            int j = i + random.nextInt(pool.size() - i);
            T chosen = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, chosen);
        }
        return List.copyOf(pool.subList(0, picks));
    }
}
