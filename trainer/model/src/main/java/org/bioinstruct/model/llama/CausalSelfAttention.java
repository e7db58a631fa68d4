package org.bioinstruct.model.llama;

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
import org.bioinstruct.model.lora.LoraLinear;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.tensor.OwnedArrays;

/**
 * LLaMA causal self-attention with grouped-query attention: {@code num_attention_heads} query heads share
 * {@code num_key_value_heads} key/value heads (query head h reads key/value head h / groups, as transformers'
 * {@code repeat_kv}), rotary embeddings on queries and keys, scores scaled by head_dim^-0.5.
 * Inputs: hidden [batch, seq, hidden], cos, sin [seq, headDim], additive causal mask [seq, seq].
 */
public class CausalSelfAttention extends AbstractBlock implements HfNamed {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scaling;
    private final LoraLinear qProj;
    private final LoraLinear kProj;
    private final LoraLinear vProj;
    private final LoraLinear oProj;

    public CausalSelfAttention(LlamaConfig config, LoraSpec lora) {
        int hidden = config.hiddenSize();
        heads = config.numAttentionHeads();
        kvHeads = config.numKeyValueHeads();
        headDim = config.headDim();
        scaling = (float) Math.pow(headDim, -0.5);
        qProj = addChildBlock("q_proj", new LoraLinear(hidden, config.queryWidth(), LoraSpec.only(lora, "q_proj")));
        kProj = addChildBlock("k_proj", new LoraLinear(hidden, config.keyValueWidth(), LoraSpec.only(lora, "k_proj")));
        vProj = addChildBlock("v_proj", new LoraLinear(hidden, config.keyValueWidth(), LoraSpec.only(lora, "v_proj")));
        oProj = addChildBlock("o_proj", new LoraLinear(config.queryWidth(), hidden, LoraSpec.only(lora, "o_proj")));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        // B batch, T sequence length, C hidden size, nh query heads, nkv key/value heads, hs head dim (nh * hs = C
        // in LLaMA, though the config may say otherwise)
        NDArray x = inputs.get(0); // (B, T, C)
        NDArray cos = inputs.get(1); // (T, hs)
        NDArray sin = inputs.get(2); // (T, hs)
        NDArray mask = inputs.get(3); // (T, T): 0 on and below the diagonal, -inf above
        NDList hidden = new NDList(x);
        long batch = x.getShape().get(0);
        long seq = x.getShape().get(1);
        // (B, T, nh * hs) -> (B, nh, T, hs), rotated by position
        NDArray q = RotaryEmbedding.apply(splitHeads(qProj.forward(store, hidden, training).singletonOrThrow(),
                batch, seq, heads), cos, sin);
        // (B, T, nkv * hs) -> (B, nkv, T, hs), rotated by position
        NDArray k = RotaryEmbedding.apply(splitHeads(kProj.forward(store, hidden, training).singletonOrThrow(),
                batch, seq, kvHeads), cos, sin);
        NDArray v = splitHeads(vProj.forward(store, hidden, training).singletonOrThrow(), batch, seq, kvHeads);
        k = repeatKv(k, batch, seq); // (B, nkv, T, hs) -> (B, nh, T, hs)
        v = repeatKv(v, batch, seq); // (B, nkv, T, hs) -> (B, nh, T, hs)
        // (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T), scaled by hs^-0.5, future positions masked
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(OwnedArrays.scalar(x, scaling)).add(mask);
        // (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs) -> (B, T, nh, hs) -> (B, T, nh * hs): heads side by side
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, seq, (long) heads * headDim);
        return oProj.forward(store, new NDList(context), training); // (B, T, C)
    }

    /** (B, T, count * hs) to (B, count, T, hs). */
    private NDArray splitHeads(NDArray projected, long batch, long seq, int count) {
        return projected.reshape(batch, seq, count, headDim).transpose(0, 2, 1, 3);
    }

    /** [batch, kvHeads, seq, d] to [batch, heads, seq, d], each key/value head repeated for its group. */
    private NDArray repeatKv(NDArray kv, long batch, long seq) {
        int groups = heads / kvHeads;
        if (groups == 1) {
            return kv;
        }
        return kv.expandDims(2).broadcast(new Shape(batch, kvHeads, groups, seq, headDim))
                .reshape(batch, heads, seq, headDim);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        qProj.initialize(manager, dataType, in);
        kProj.initialize(manager, dataType, in);
        vProj.initialize(manager, dataType, in);
        oProj.initialize(manager, dataType, in.slice(0, in.dimension() - 1).add(qProj.outFeatures()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        qProj.collectParameters(prefix + ".q_proj", out);
        kProj.collectParameters(prefix + ".k_proj", out);
        vProj.collectParameters(prefix + ".v_proj", out);
        oProj.collectParameters(prefix + ".o_proj", out);
    }
}
