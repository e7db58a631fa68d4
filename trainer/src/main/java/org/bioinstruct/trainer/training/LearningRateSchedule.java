package org.bioinstruct.trainer.training;

import java.util.Locale;

/**
 * The learning rate over the optimizer steps of one shard: a linear warmup from {@code peak / warmup} to
 * {@code peak} over the first {@code warmup} steps, then a decay to {@code minRatio * peak} at the last step.
 * Every shard restarts the cycle (warm restarts), since the number of shards still to come is unknown.
 */
public record LearningRateSchedule(Decay decay, double peak, double warmupFraction, double minRatio) {
    /** The shape of the decay after warmup. */
    public enum Decay {
        CONSTANT, LINEAR, COSINE;

        public static Decay parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    public LearningRateSchedule {
        if (!(peak > 0) || !(warmupFraction >= 0 && warmupFraction < 1) || !(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("need peak > 0, 0 <= warmup fraction < 1, 0 <= min ratio <= 1");
        }
    }

    public static LearningRateSchedule constant(double learningRate) {
        return new LearningRateSchedule(Decay.CONSTANT, learningRate, 0, 1);
    }

    /** Warmup steps among {@code totalSteps}: the fraction rounded, at most all steps but one. */
    public int warmupSteps(int totalSteps) {
        return Math.min((int) Math.round(warmupFraction * totalSteps), Math.max(totalSteps - 1, 0));
    }

    /** The rate of 1-based optimizer step {@code step} of {@code totalSteps}. */
    public double at(int step, int totalSteps) {
        int warmup = warmupSteps(totalSteps);
        if (step <= warmup) {
            return peak * step / warmup;
        }
        int decaySteps = totalSteps - warmup;
        double progress = decaySteps <= 1 ? 0 : (double) (step - warmup - 1) / (decaySteps - 1);
        double floor = minRatio * peak;
        return switch (decay) {
            case CONSTANT -> peak;
            case LINEAR -> peak - (peak - floor) * progress;
            case COSINE -> floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}
