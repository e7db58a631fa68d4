package org.bioinstruct.model.lora;

import org.bioinstruct.model.tensor.FloatTensor;

/** {@code W + scaling * B A} on the heap, W [out, in], A [r, in], B [out, r]: merging an adapter for inference. */
public final class LoraMerge {
    private LoraMerge() {
    }

    public static FloatTensor merge(FloatTensor w, FloatTensor a, FloatTensor b, float scaling) {
        long[] shape = w.shape();
        int out = (int) shape[0];
        int in = (int) shape[1];
        int r = (int) a.shape()[0];
        if (a.shape()[1] != in || b.shape()[0] != out || b.shape()[1] != r) {
            throw new IllegalArgumentException("LoRA shapes A " + a + " and B " + b + " do not fit W " + w);
        }
        float[] merged = w.data().clone();
        float[] ad = a.data();
        float[] bd = b.data();
        double[] row = new double[in];
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(row, 0);
            for (int k = 0; k < r; k++) {
                double coefficient = bd[o * r + k];
                for (int i = 0; i < in; i++) {
                    row[i] += coefficient * ad[k * in + i];
                }
            }
            for (int i = 0; i < in; i++) {
                merged[o * in + i] += (float) (scaling * row[i]);
            }
        }
        return new FloatTensor(shape, merged);
    }
}
