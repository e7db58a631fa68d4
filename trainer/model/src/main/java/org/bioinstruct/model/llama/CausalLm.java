package org.bioinstruct.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.model.lora.LoraLinear;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.tensor.OwnedArrays;

/**
 * LLaMA-architecture causal language model ({@code LlamaForCausalLM}): token embedding, decoder layers, final
 * RMSNorm and lm_head, which is the embedding matrix itself when {@code tie_word_embeddings} is set. Input: token
 * ids [batch, seq] (int64) at positions 0..seq-1; output: logits [batch, seq, vocab]. The rotary tables and the
 * causal mask are built once per forward and shared by all layers.
 */
public class CausalLm extends AbstractBlock implements HfNamed {
    private static final float MASKED = -1e9f;

    private final LlamaConfig config;
    private final Parameter embedTokens;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final LoraLinear lmHead;
    private final RotaryEmbedding rotary;

    public CausalLm(LlamaConfig config, LoraSpec lora) {
        this.config = config;
        embedTokens = addParameter(Parameter.builder().setName("embed_tokens").setType(Parameter.Type.WEIGHT)
                .optRequiresGrad(false).build());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(addChildBlock("layer" + i, new DecoderLayer(config, lora)));
        }
        norm = addChildBlock("norm", new RmsNorm(config.rmsNormEps()));
        lmHead = config.tieWordEmbeddings() ? null
                : addChildBlock("lm_head", new LoraLinear(config.hiddenSize(), config.vocabSize(), null));
        rotary = new RotaryEmbedding(config);
    }

    public LlamaConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        // B batch, T sequence length, C hidden size, V vocabulary size, hs head dim
        NDArray ids = inputs.singletonOrThrow(); // (B, T) int64
        int seq = (int) ids.getShape().get(1);
        if (seq > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(seq + " tokens exceed max_position_embeddings " + config.maxPositionEmbeddings());
        }
        NDArray table = store.getValue(embedTokens, ids.getDevice(), training); // (V, C)
        NDArray hidden = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow(); // (B, T, C)
        NDList shared = rotary.tables(ids.getManager(), seq); // cos, sin: (T, hs) each
        shared.add(causalMask(ids.getManager(), seq)); // (T, T)
        for (DecoderLayer layer : layers) {
            NDList layerInputs = new NDList(hidden);
            layerInputs.addAll(shared);
            hidden = layer.forward(store, layerInputs, training).singletonOrThrow(); // (B, T, C)
        }
        NDList normed = norm.forward(store, new NDList(hidden), training); // (B, T, C)
        // logits (B, T, V): lm_head, or the embedding matrix itself when tied
        return lmHead != null ? lmHead.forward(store, normed, training)
                : Linear.linear(normed.singletonOrThrow(), table);
    }

    private static NDArray causalMask(NDManager manager, int seq) {
        float[] mask = new float[seq * seq];
        for (int row = 0; row < seq; row++) {
            for (int col = row + 1; col < seq; col++) {
                mask[row * seq + col] = MASKED;
            }
        }
        return OwnedArrays.of(manager, mask, new Shape(seq, seq));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0].add(config.hiddenSize());
        long seq = inputShapes[0].get(1);
        Shape table = new Shape(seq, config.headDim());
        for (DecoderLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, table, table, new Shape(seq, seq));
        }
        norm.initialize(manager, dataType, hidden);
        if (lmHead != null) {
            lmHead.initialize(manager, dataType, hidden);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.vocabSize())};
    }

    /** Every parameter under its Hugging Face name, in a stable order; no lm_head when embeddings are tied. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put("model.embed_tokens.weight", embedTokens);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collectParameters("model.layers." + i, out);
        }
        norm.collectParameters("model.norm", out);
        if (lmHead != null) {
            lmHead.collectParameters("lm_head", out);
        }
    }
}
