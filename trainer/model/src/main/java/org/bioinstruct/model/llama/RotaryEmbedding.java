package org.bioinstruct.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.bioinstruct.model.tensor.OwnedArrays;

/**
 * Rotary position embedding exactly as transformers' LlamaRotaryEmbedding and {@code apply_rotary_pos_emb}:
 * float32 inverse frequencies (optionally rope-scaled), {@code emb = cat(freqs, freqs)} and the rotate-half
 * layout (not the interleaved pairs of Meta's original code), for positions 0..seq-1.
 */
final class RotaryEmbedding {
    private final int headDim;
    private final float[] inverseFrequencies;

    RotaryEmbedding(LlamaConfig config) {
        this.headDim = config.headDim();
        this.inverseFrequencies = config.ropeScaling().inverseFrequencies(headDim, config.ropeTheta());
    }

    /** cos and sin tables of shape [seq, headDim], in the given manager. */
    NDList tables(NDManager manager, int seq) {
        float[] cos = new float[seq * headDim];
        float[] sin = new float[seq * headDim];
        int half = headDim / 2;
        for (int pos = 0; pos < seq; pos++) {
            for (int i = 0; i < half; i++) {
                float angle = pos * inverseFrequencies[i];
                cos[pos * headDim + i] = cos[pos * headDim + i + half] = (float) Math.cos(angle);
                sin[pos * headDim + i] = sin[pos * headDim + i + half] = (float) Math.sin(angle);
            }
        }
        Shape shape = new Shape(seq, headDim);
        return new NDList(OwnedArrays.of(manager, cos, shape), OwnedArrays.of(manager, sin, shape));
    }

    /** {@code x * cos + rotate_half(x) * sin} for x of shape [batch, heads, seq, headDim]. */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDArray first = x.get(new NDIndex("..., :" + half));
        NDArray second = x.get(new NDIndex("..., " + half + ":"));
        NDArray rotated = second.neg().concat(first, -1);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
