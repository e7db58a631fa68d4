package org.bioinstruct.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.lora.PeftNames;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.model.tensor.OwnedArrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LoRA on a grouped-query-attention checkpoint (k/v projections narrower than q), against merged weights. */
class LanguageModelLoraTest {
    private static final long[] IDS = {1, 17, 42, 5, 88, 23, 61, 9, 70, 33, 2, 95};
    static BaseModel base;

    @BeforeAll
    static void load() throws Exception {
        base = BaseModels.load(ReferenceLogitsTest.fixtureDir("llama-gqa-untied-bf16"));
    }

    @Test
    void loraForwardEqualsForwardWithMergedWeightsOnEveryProjection() {
        LoraSpec spec = new LoraSpec(4, 8, LoraSpec.PROJECTION_ORDER);
        LoraAdapter adapter = randomAdapter(spec, 3);
        try (LanguageModel adapted = LanguageModel.withAdapter(base, adapter);
             LanguageModel merged = LanguageModel.merged(base, adapter);
             LanguageModel plain = LanguageModel.create(base)) {
            float[] withLora = logits(adapted);
            float[] withMerged = logits(merged);

            assertArrayEquals(withMerged, withLora, 1e-4f);
            assertFalse(maxDifference(withLora, logits(plain)) < 1e-2, "the adapter changes the outputs");
        }
    }

    @Test
    void mergedWeightsAreBasePlusScaledBTimesA() {
        LoraSpec spec = new LoraSpec(2, 6, List.of("k_proj"));
        LoraAdapter adapter = randomAdapter(spec, 4);
        try (LanguageModel adapted = LanguageModel.withAdapter(base, adapter)) {
            FloatTensor merged = adapted.mergedWeights().get("model.layers.1.self_attn.k_proj.weight");
            FloatTensor w = base.weights().get("model.layers.1.self_attn.k_proj.weight");
            FloatTensor a = adapter.weights().get(PeftNames.loraA(1, "k_proj"));
            FloatTensor b = adapter.weights().get(PeftNames.loraB(1, "k_proj"));
            int out = 16;
            int in = 32;
            for (int o = 0; o < out; o += 5) {
                for (int i = 0; i < in; i += 7) {
                    double delta = 0;
                    for (int k = 0; k < 2; k++) {
                        delta += b.data()[o * 2 + k] * a.data()[k * in + i];
                    }
                    assertEquals(w.data()[o * in + i] + 3.0 * delta, merged.data()[o * in + i], 1e-5);
                }
            }
            assertEquals(base.weights().get("model.layers.1.self_attn.q_proj.weight"),
                    adapted.mergedWeights().get("model.layers.1.self_attn.q_proj.weight"), "untargeted stays");
        }
    }

    @Test
    void freshAdapterHasZeroBAndLeavesOutputsEqualToTheBase() {
        try (LanguageModel adapted = LanguageModel.create(base, LoraSpec.defaults(), 5);
             LanguageModel plain = LanguageModel.create(base)) {
            adapted.exportAdapter().weights().forEach((key, tensor) -> {
                boolean zero = new FloatTensor(tensor.shape(), new float[tensor.data().length]).equals(tensor);
                assertEquals(key.contains("lora_B"), zero, key);
            });
            assertArrayEquals(logits(plain), logits(adapted), 0f);
        }
    }

    @Test
    void adapterKeysFollowPeftNamingAndShapes() {
        LoraSpec spec = new LoraSpec(4, 8, List.of("q_proj", "v_proj", "down_proj"));
        try (LanguageModel model = LanguageModel.create(base, spec, 1)) {
            Map<String, FloatTensor> weights = model.exportAdapter().weights();

            assertEquals(2 * 3 * 2, weights.size());
            assertArrayEquals(new long[] {4, 32}, weights.get(
                    "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape());
            assertArrayEquals(new long[] {32, 4}, weights.get(
                    "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight").shape());
            assertArrayEquals(new long[] {16, 4}, weights.get(PeftNames.loraB(1, "v_proj")).shape(), "GQA: kv width");
            assertArrayEquals(new long[] {4, 64}, weights.get(PeftNames.loraA(1, "down_proj")).shape());
            assertArrayEquals(new long[] {32, 4}, weights.get(
                    "base_model.model.model.layers.1.mlp.down_proj.lora_B.weight").shape());
        }
    }

    @Test
    void onlyLoraParametersTakeGradientsWhenFineTuning() {
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 1)) {
            Map<String, Parameter> trainable = model.trainableParameters();
            model.parameters().forEach((name, p) -> {
                assertEquals(name.contains(".lora_"), p.getArray().hasGradient(), name);
                assertEquals(name.contains(".lora_"), trainable.containsKey(name), name);
            });
        }
    }

    @Test
    void dropoutActsOnlyWhileTraining() {
        LoraSpec spec = new LoraSpec(4, 8, 0.5, List.of("q_proj", "v_proj", "up_proj"));
        LoraAdapter adapter = randomAdapter(spec, 6);
        try (LanguageModel model = LanguageModel.withAdapter(base, adapter);
             LanguageModel merged = LanguageModel.merged(base, adapter)) {
            assertArrayEquals(logits(merged), logits(model), 1e-4f, "inference: no dropout");
            assertTrue(maxDifference(logits(merged), logits(model, true)) > 1e-3, "training: dropout on the LoRA input");
        }
    }

    @Test
    void adaptersLoadOnAnyThread() throws Exception {
        LoraAdapter adapter = randomAdapter(LoraSpec.defaults(), 8);
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 1)) {
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            // a fresh thread has autograd enabled, unlike the thread that initialised the engine
            Thread thread = new Thread(() -> {
                try {
                    model.loadAdapter(adapter);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
            thread.join();

            assertEquals(null, failure.get());
            assertEquals(adapter.weights(), model.exportAdapter().weights());
        }
    }

    @Test
    void adapterWithOtherRankDoesNotLoad() {
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 1)) {
            LoraAdapter other = randomAdapter(new LoraSpec(2, 16, LoraSpec.DEFAULT_TARGETS), 1);
            assertThrows(IllegalArgumentException.class, () -> model.loadAdapter(other));
        }
    }

    /** An adapter with every A and B random (B non-zero, as after training). */
    static LoraAdapter randomAdapter(LoraSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (LanguageModel shape = LanguageModel.create(base, spec, seed)) {
            Map<String, FloatTensor> weights = new TreeMap<>();
            shape.exportAdapter().weights().forEach((key, t) ->
                    weights.put(key, FloatTensor.normal(random, 0.2, t.shape())));
            return new LoraAdapter(spec, base.name(), weights);
        }
    }

    static float[] logits(LanguageModel model) {
        return logits(model, false);
    }

    static float[] logits(LanguageModel model, boolean training) {
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray ids = OwnedArrays.of(manager, IDS, new Shape(1, IDS.length));
            return model.forward(ids, training).toFloatArray();
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
