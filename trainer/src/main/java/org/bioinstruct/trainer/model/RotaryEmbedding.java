package org.bioinstruct.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Rotary position embedding as in LLaMA (the rotate-half layout Hugging Face checkpoints use). */
final class RotaryEmbedding {
    private final int headDim;
    private final double theta;

    RotaryEmbedding(int headDim, double theta) {
        this.headDim = headDim;
        this.theta = theta;
    }

    /** Rotates {@code x} of shape [batch, heads, seq, headDim]; cos/sin live in x's manager. */
    NDArray apply(NDArray x) {
        int seq = (int) x.getShape().get(2);
        NDManager manager = x.getManager();
        float[] cos = new float[seq * headDim];
        float[] sin = new float[seq * headDim];
        int half = headDim / 2;
        for (int pos = 0; pos < seq; pos++) {
            for (int i = 0; i < half; i++) {
                double angle = pos * Math.pow(theta, -2.0 * i / headDim);
                cos[pos * headDim + i] = cos[pos * headDim + i + half] = (float) Math.cos(angle);
                sin[pos * headDim + i] = sin[pos * headDim + i + half] = (float) Math.sin(angle);
            }
        }
        NDArray cosArray = OwnedArrays.of(manager, cos, new Shape(seq, headDim));
        NDArray sinArray = OwnedArrays.of(manager, sin, new Shape(seq, headDim));
        NDArray first = x.get(new NDIndex("..., :" + half));
        NDArray second = x.get(new NDIndex("..., " + half + ":"));
        NDArray rotated = second.neg().concat(first, -1);
        return x.mul(cosArray).add(rotated.mul(sinArray));
    }
}
