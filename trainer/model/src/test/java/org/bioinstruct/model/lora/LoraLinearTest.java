package org.bioinstruct.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bioinstruct.model.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class LoraLinearTest {
    @Test
    void forwardEqualsForwardWithMergedWeights() {
        int in = 12;
        int out = 10;
        LoraSpec spec = new LoraSpec(4, 16, List.of("q_proj"));
        SplittableRandom random = new SplittableRandom(3);
        FloatTensor w = FloatTensor.normal(random, 0.5, out, in);
        FloatTensor a = FloatTensor.normal(random, 0.5, 4, in);
        FloatTensor b = FloatTensor.normal(random, 0.5, out, 4);
        FloatTensor x = FloatTensor.normal(random, 1.0, 2, 3, in);

        try (NDManager manager = NDManager.newBaseManager()) {
            LoraLinear layer = new LoraLinear(in, out, spec);
            Map<String, Parameter> params = new LinkedHashMap<>();
            layer.collectParameters("p", params);
            params.get("p.weight").setArray(manager.create(w.data(), new Shape(out, in)));
            params.get("p.lora_A.weight").setArray(manager.create(a.data(), new Shape(4, in)));
            params.get("p.lora_B.weight").setArray(manager.create(b.data(), new Shape(out, 4)));
            NDArray input = manager.create(x.data(), new Shape(2, 3, in));

            float[] actual = layer.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();

            float[] merged = merge(w, a, b, spec.scaling(), out, in);
            float[] expected = new float[2 * 3 * out];
            for (int row = 0; row < 6; row++) {
                for (int o = 0; o < out; o++) {
                    double sum = 0;
                    for (int i = 0; i < in; i++) {
                        sum += x.data()[row * in + i] * merged[o * in + i];
                    }
                    expected[row * out + o] = (float) sum;
                }
            }
            assertArrayEquals(expected, actual, 1e-4f);
        }
    }

    /** W + (alpha / r) * B A, computed independently of DJL. */
    private static float[] merge(FloatTensor w, FloatTensor a, FloatTensor b, float scaling, int out, int in) {
        float[] merged = w.data().clone();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double delta = 0;
                for (int k = 0; k < 4; k++) {
                    delta += b.data()[o * 4 + k] * a.data()[k * in + i];
                }
                merged[o * in + i] += (float) (scaling * delta);
            }
        }
        return merged;
    }
}
