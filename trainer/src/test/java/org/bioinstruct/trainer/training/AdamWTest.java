package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.bioinstruct.trainer.adapters.OptimizerState;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final float[] START = {0.5f, -0.25f, 1.0f, 0.125f, -1.5f, 0.75f};
    private static final float[][] GRADS = {
            {0.1f, -0.2f, 0.3f, 0.0f, 0.05f, -0.4f},
            {-0.3f, 0.1f, 0.2f, 0.6f, -0.05f, 0.1f},
            {0.2f, 0.2f, -0.1f, -0.2f, 0.3f, 0.0f}};
    private static final AdamW.Hyper HYPER = new AdamW.Hyper(0.9, 0.999, 1e-8, 0.1);

    /** torch.optim.AdamW(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1), three steps (PyTorch 1.13). */
    private static final float[] TORCH_WEIGHTS = {0.493270605802536f, -0.2393370121717453f, 0.9718103408813477f,
            0.1137557327747345f, -1.5110834836959839f, 0.7660512924194336f};
    private static final float[] TORCH_EXP_AVG = {0.0010999991791322827f, 0.012800000607967377f,
            0.03229999914765358f, 0.03400000184774399f, 0.02955000102519989f, -0.023400001227855682f};
    private static final float[] TORCH_EXP_AVG_SQ = {0.00013989002036396414f, 8.991004142444581e-05f,
            0.00013978010974824429f, 0.00039964006282389164f, 9.499250882072374e-05f, 0.00016967018018476665f};

    @Test
    void updatesLikePyTorchsAdamW() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START, new Shape(2, 3));
            AdamW optimizer = new AdamW(HYPER, Map.of("w", weight), manager);
            for (float[] grad : GRADS) {
                step(optimizer, manager, weight, grad);
            }

            assertArrayEquals(TORCH_WEIGHTS, weight.toFloatArray(), 1e-6f);
            OptimizerState state = optimizer.state();
            assertEquals(3, state.step());
            assertArrayEquals(TORCH_EXP_AVG, state.expAvg().get("w").data(), 1e-7f);
            // the fused kernel forms 1 - beta2 in float32 (0.00099998713): relative 1.3e-5 off torch's double
            float[] second = state.expAvgSq().get("w").data();
            for (int i = 0; i < second.length; i++) {
                assertEquals(TORCH_EXP_AVG_SQ[i], second[i], 2e-5 * TORCH_EXP_AVG_SQ[i] + 1e-12, "exp_avg_sq " + i);
            }
        }
    }

    @Test
    void restoredStateContinuesExactlyLikeTheOriginal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray straight = manager.create(START, new Shape(2, 3));
            AdamW uninterrupted = new AdamW(HYPER, Map.of("w", straight), manager);
            for (float[] grad : GRADS) {
                step(uninterrupted, manager, straight, grad);
            }

            NDArray resumed = manager.create(START, new Shape(2, 3));
            AdamW first = new AdamW(HYPER, Map.of("w", resumed), manager);
            step(first, manager, resumed, GRADS[0]);
            AdamW second = new AdamW(HYPER, Map.of("w", resumed), manager);
            second.load(first.state());
            step(second, manager, resumed, GRADS[1]);
            step(second, manager, resumed, GRADS[2]);

            assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray(), 0f);
            assertEquals(uninterrupted.state(), second.state());
        }
    }

    @Test
    void leavesNoArraysBehindInTheOwningManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START, new Shape(2, 3));
            AdamW optimizer = new AdamW(HYPER, Map.of("w", weight), manager);
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                step(optimizer, manager, weight, GRADS[i % 3]);
            }
            assertEquals(before, manager.getManagedArrays().size());
        }
    }

    private static void step(AdamW optimizer, NDManager manager, NDArray weight, float[] grad) {
        try (NDManager scratch = manager.newSubManager()) {
            optimizer.beginStep();
            optimizer.update("w", weight, scratch.create(grad, new Shape(2, 3)), 0.01, 1);
        }
    }

    @Test
    void scalesTheGradientBeforeTheMoments() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START, new Shape(2, 3));
            AdamW optimizer = new AdamW(HYPER, Map.of("w", weight), manager);
            optimizer.beginStep();
            optimizer.update("w", weight, manager.create(GRADS[0], new Shape(2, 3)), 0.01, 0.5);

            float[] expected = new float[6];
            for (int i = 0; i < 6; i++) {
                expected[i] = 0.1f * 0.5f * GRADS[0][i];
            }
            assertArrayEquals(expected, optimizer.state().expAvg().get("w").data(), 1e-8f);
        }
    }
}
