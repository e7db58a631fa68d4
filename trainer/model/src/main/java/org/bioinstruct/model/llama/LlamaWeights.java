package org.bioinstruct.model.llama;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bioinstruct.model.tensor.FloatTensor;

/** The Hugging Face tensor names and shapes of a LlamaForCausalLM checkpoint, and fresh weights for one. */
public final class LlamaWeights {
    private LlamaWeights() {
    }

    /** Every weight the model needs, by Hugging Face name; no lm_head when embeddings are tied. */
    public static Map<String, long[]> shapes(LlamaConfig config) {
        int h = config.hiddenSize();
        int inner = config.intermediateSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("model.embed_tokens.weight", new long[] {config.vocabSize(), h});
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String p = "model.layers." + i;
            shapes.put(p + ".input_layernorm.weight", new long[] {h});
            shapes.put(p + ".self_attn.q_proj.weight", new long[] {config.queryWidth(), h});
            shapes.put(p + ".self_attn.k_proj.weight", new long[] {config.keyValueWidth(), h});
            shapes.put(p + ".self_attn.v_proj.weight", new long[] {config.keyValueWidth(), h});
            shapes.put(p + ".self_attn.o_proj.weight", new long[] {h, config.queryWidth()});
            shapes.put(p + ".post_attention_layernorm.weight", new long[] {h});
            shapes.put(p + ".mlp.gate_proj.weight", new long[] {inner, h});
            shapes.put(p + ".mlp.up_proj.weight", new long[] {inner, h});
            shapes.put(p + ".mlp.down_proj.weight", new long[] {h, inner});
        }
        shapes.put("model.norm.weight", new long[] {h});
        if (!config.tieWordEmbeddings()) {
            shapes.put("lm_head.weight", new long[] {config.vocabSize(), h});
        }
        return shapes;
    }

    /**
     * The weights the model uses, checked against the config: every expected tensor present with its shape.
     * Extra tensors (a stored lm_head of a tied model, old rotary {@code inv_freq} buffers) are dropped.
     */
    public static Map<String, FloatTensor> select(LlamaConfig config, Map<String, FloatTensor> weights) {
        Map<String, FloatTensor> out = new TreeMap<>();
        shapes(config).forEach((name, shape) -> {
            FloatTensor tensor = weights.get(name);
            if (tensor == null) {
                throw new IllegalArgumentException("checkpoint lacks " + name);
            }
            if (!Arrays.equals(shape, tensor.shape())) {
                throw new IllegalArgumentException(name + ": config.json implies shape " + Arrays.toString(shape)
                        + ", checkpoint has " + Arrays.toString(tensor.shape()));
            }
            out.put(name, tensor);
        });
        return out;
    }

    /** Deterministic initial weights: normal(0, 1/sqrt(fan_in)) projections, unit-variance embeddings, unit norms. */
    public static Map<String, FloatTensor> initial(LlamaConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FloatTensor> weights = new TreeMap<>();
        new TreeMap<>(shapes(config)).forEach((name, shape) -> {
            if (name.endsWith("norm.weight")) {
                weights.put(name, FloatTensor.filled(1f, shape));
            } else if (name.equals("model.embed_tokens.weight")) {
                weights.put(name, FloatTensor.normal(random, 1.0, shape));
            } else {
                weights.put(name, FloatTensor.normal(random, 1.0 / Math.sqrt(shape[1]), shape));
            }
        });
        return weights;
    }
}
