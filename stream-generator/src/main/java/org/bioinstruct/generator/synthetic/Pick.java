package org.bioinstruct.generator.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random choices; the only source of randomness in the synthetic backend, so a seed fixes the output. */
public final class Pick {
    private final Random random;

    public Pick(long seed) {
        this.random = new Random(seed);
    }

    public <T> T one(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** {@code n} distinct items in random order. */
    public <T> List<T> distinct(List<T> items, int n) {
        List<T> pool = new ArrayList<>(items);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    /** A whole number in {@code [min, max]}. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Uniform in {@code [0, 1)}. */
    public double unit() {
        return random.nextDouble();
    }
}
