package org.bioinstruct.model.lora;

/**
 * Tensor names of PEFT LoRA adapters for LLaMA models: the model's own parameter name under
 * {@code base_model.model.}, e.g. {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight} (A of
 * shape [r, in], B of shape [out, r]), as {@code PeftModel.save_pretrained} writes them.
 */
public final class PeftNames {
    public static final String PREFIX = "base_model.model.";

    private PeftNames() {
    }

    /** {@code model.layers.3.self_attn.q_proj} or {@code model.layers.3.mlp.gate_proj}. */
    public static String module(int layer, String projection) {
        if (!LoraSpec.PROJECTIONS.contains(projection)) {
            throw new IllegalArgumentException("not a LLaMA projection: " + projection);
        }
        String block = LoraSpec.PROJECTION_ORDER.indexOf(projection) < 4 ? "self_attn" : "mlp";
        return "model.layers." + layer + "." + block + "." + projection;
    }

    /** The PEFT key of LoRA A of a projection. */
    public static String loraA(int layer, String projection) {
        return PREFIX + module(layer, projection) + ".lora_A.weight";
    }

    /** The PEFT key of LoRA B of a projection. */
    public static String loraB(int layer, String projection) {
        return PREFIX + module(layer, projection) + ".lora_B.weight";
    }

    /** The PEFT key of a model parameter name such as {@code model.layers.0.self_attn.q_proj.lora_A.weight}. */
    public static String toPeft(String parameterName) {
        return PREFIX + parameterName;
    }

    /** The model parameter name of a PEFT key. */
    public static String fromPeft(String peftKey) {
        if (!peftKey.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PEFT adapter key: " + peftKey);
        }
        return peftKey.substring(PREFIX.length());
    }
}
