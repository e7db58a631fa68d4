package org.bioinstruct.model.lora;

import java.util.List;
import java.util.Set;

/**
 * LoRA hyper-parameters: rank {@code r}, {@code alpha} (the update is scaled by alpha / r), {@code dropout} (applied
 * to the adapter's input while training, as PEFT does) and the projection names that get an adapter.
 */
public record LoraSpec(int r, double alpha, double dropout, List<String> targetModules) {
    /** Every projection of a LLaMA layer that can carry an adapter, in layer order. */
    public static final List<String> PROJECTION_ORDER =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
    public static final Set<String> PROJECTIONS = Set.copyOf(PROJECTION_ORDER);
    public static final List<String> DEFAULT_TARGETS = List.of("q_proj", "v_proj");

    public LoraSpec {
        if (r <= 0) {
            throw new IllegalArgumentException("LoRA rank must be positive");
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("LoRA alpha must be positive");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1)");
        }
        targetModules = List.copyOf(targetModules);
        if (targetModules.isEmpty() || !PROJECTIONS.containsAll(targetModules)
                || Set.copyOf(targetModules).size() != targetModules.size()) {
            throw new IllegalArgumentException("LoRA targets must be distinct names among " + PROJECTION_ORDER
                    + ": " + targetModules);
        }
    }

    /** No dropout. */
    public LoraSpec(int r, double alpha, List<String> targetModules) {
        this(r, alpha, 0.0, targetModules);
    }

    /** r 8, alpha 16, no dropout, on q_proj and v_proj. */
    public static LoraSpec defaults() {
        return new LoraSpec(8, 16, 0.0, DEFAULT_TARGETS);
    }

    public float scaling() {
        return (float) (alpha / r);
    }

    public boolean targets(String projection) {
        return targetModules.contains(projection);
    }

    /** Same rank, alpha and targets (in any order): adapters of one spec load into models of the other. */
    public boolean compatibleWith(LoraSpec other) {
        return other != null && r == other.r && alpha == other.alpha
                && Set.copyOf(targetModules).equals(Set.copyOf(other.targetModules));
    }

    /** The spec if it targets the projection, else null (no adapter there). */
    public static LoraSpec only(LoraSpec lora, String projection) {
        return lora != null && lora.targets(projection) ? lora : null;
    }
}
