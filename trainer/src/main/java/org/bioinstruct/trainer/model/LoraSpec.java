package org.bioinstruct.trainer.model;

import java.util.List;
import java.util.Set;

/**
 * LoRA hyper-parameters: rank {@code r}, {@code alpha} (the update is scaled by alpha / r) and the projection
 * names that get an adapter (e.g. {@code q_proj}, {@code v_proj}).
 */
public record LoraSpec(int r, double alpha, List<String> targetModules) {
    public static final Set<String> PROJECTIONS =
            Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraSpec {
        if (r <= 0) {
            throw new IllegalArgumentException("LoRA rank must be positive");
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("LoRA alpha must be positive");
        }
        targetModules = List.copyOf(targetModules);
        if (targetModules.isEmpty() || !PROJECTIONS.containsAll(targetModules)) {
            throw new IllegalArgumentException("LoRA targets must be among " + PROJECTIONS + ": " + targetModules);
        }
    }

    public static LoraSpec defaults() {
        return new LoraSpec(8, 16, List.of("q_proj", "v_proj"));
    }

    public float scaling() {
        return (float) (alpha / r);
    }

    public boolean targets(String projection) {
        return targetModules.contains(projection);
    }
}
