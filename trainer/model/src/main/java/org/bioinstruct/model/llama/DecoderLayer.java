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
import org.bioinstruct.model.lora.LoraSpec;

/**
 * One pre-norm LLaMA decoder layer: {@code h = x + attn(norm(x)); out = h + mlp(norm(h))}. Inputs: hidden
 * states, then the rotary cos and sin tables and the causal mask shared by all layers.
 */
public class DecoderLayer extends AbstractBlock implements HfNamed {
    private final RmsNorm inputNorm;
    private final CausalSelfAttention selfAttention;
    private final RmsNorm postAttentionNorm;
    private final SwiGluMlp mlp;

    public DecoderLayer(LlamaConfig config, LoraSpec lora) {
        inputNorm = addChildBlock("input_layernorm", new RmsNorm(config.rmsNormEps()));
        selfAttention = addChildBlock("self_attn", new CausalSelfAttention(config, lora));
        postAttentionNorm = addChildBlock("post_attention_layernorm", new RmsNorm(config.rmsNormEps()));
        mlp = addChildBlock("mlp", new SwiGluMlp(config, lora));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        // B batch, T sequence length, C hidden size
        NDArray x = inputs.get(0); // (B, T, C)
        NDArray normed = inputNorm.forward(store, new NDList(x), training).singletonOrThrow(); // (B, T, C)
        // with cos, sin (T, hs) and the causal mask (T, T) shared by all layers
        NDList attentionInputs = new NDList(normed, inputs.get(1), inputs.get(2), inputs.get(3));
        // residual around attention: (B, T, C)
        NDArray h = x.add(selfAttention.forward(store, attentionInputs, training).singletonOrThrow());
        NDArray fed = mlp.forward(store, postAttentionNorm.forward(store, new NDList(h), training), training)
                .singletonOrThrow(); // (B, T, C)
        return new NDList(h.add(fed)); // residual around the MLP: (B, T, C)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inputNorm.initialize(manager, dataType, inputShapes[0]);
        selfAttention.initialize(manager, dataType, inputShapes);
        postAttentionNorm.initialize(manager, dataType, inputShapes[0]);
        mlp.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        inputNorm.collectParameters(prefix + ".input_layernorm", out);
        selfAttention.collectParameters(prefix + ".self_attn", out);
        postAttentionNorm.collectParameters(prefix + ".post_attention_layernorm", out);
        mlp.collectParameters(prefix + ".mlp", out);
    }
}
