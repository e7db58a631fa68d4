package org.bioinstruct.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/** Multi-head causal self-attention with rotary embeddings and q/k/v/o projections, LLaMA style. */
public class CausalSelfAttention extends AbstractBlock implements HfNamed {
    private static final float MASKED = -1e9f;

    private final int heads;
    private final int headDim;
    private final LoraLinear qProj;
    private final LoraLinear kProj;
    private final LoraLinear vProj;
    private final LoraLinear oProj;
    private final RotaryEmbedding rotary;

    public CausalSelfAttention(TinyModelConfig config, LoraSpec lora) {
        int hidden = config.hiddenSize();
        heads = config.numAttentionHeads();
        headDim = config.headDim();
        qProj = addChildBlock("q_proj", new LoraLinear(hidden, hidden, SwiGluMlp.only(lora, "q_proj")));
        kProj = addChildBlock("k_proj", new LoraLinear(hidden, hidden, SwiGluMlp.only(lora, "k_proj")));
        vProj = addChildBlock("v_proj", new LoraLinear(hidden, hidden, SwiGluMlp.only(lora, "v_proj")));
        oProj = addChildBlock("o_proj", new LoraLinear(hidden, hidden, SwiGluMlp.only(lora, "o_proj")));
        rotary = new RotaryEmbedding(headDim, config.ropeTheta());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        int seq = (int) x.getShape().get(1);
        NDArray q = rotary.apply(splitHeads(qProj.forward(store, inputs, training).singletonOrThrow(), batch, seq));
        NDArray k = rotary.apply(splitHeads(kProj.forward(store, inputs, training).singletonOrThrow(), batch, seq));
        NDArray v = splitHeads(vProj.forward(store, inputs, training).singletonOrThrow(), batch, seq);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(OwnedArrays.scalar(x, (float) Math.sqrt(headDim))).add(causalMask(x, seq));
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, seq, (long) heads * headDim);
        return oProj.forward(store, new NDList(context), training);
    }

    private NDArray splitHeads(NDArray projected, long batch, int seq) {
        return projected.reshape(batch, seq, heads, headDim).transpose(0, 2, 1, 3);
    }

    private static NDArray causalMask(NDArray like, int seq) {
        float[] mask = new float[seq * seq];
        for (int row = 0; row < seq; row++) {
            for (int col = row + 1; col < seq; col++) {
                mask[row * seq + col] = MASKED;
            }
        }
        return OwnedArrays.of(like.getManager(), mask, new Shape(seq, seq));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (LoraLinear projection : new LoraLinear[] {qProj, kProj, vProj, oProj}) {
            projection.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        qProj.collectParameters(prefix + ".q_proj", out);
        kProj.collectParameters(prefix + ".k_proj", out);
        vProj.collectParameters(prefix + ".v_proj", out);
        oProj.collectParameters(prefix + ".o_proj", out);
    }
}
