package org.bioinstruct.model.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A float32 tensor on the Java heap: what safetensors files hold and what DJL parameters are built from. */
public record FloatTensor(long[] shape, float[] data) {

    public FloatTensor {
        shape = shape.clone();
        if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public static FloatTensor zeros(long... shape) {
        return new FloatTensor(shape, new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)]);
    }

    public static FloatTensor filled(float value, long... shape) {
        FloatTensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public static FloatTensor normal(SplittableRandom random, double std, long... shape) {
        FloatTensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (gaussian(random) * std);
        }
        return t;
    }

    public static FloatTensor uniform(SplittableRandom random, double bound, long... shape) {
        FloatTensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return t;
    }

    // Box-Muller on a SplittableRandom so results do not depend on java.util.Random internals.
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
