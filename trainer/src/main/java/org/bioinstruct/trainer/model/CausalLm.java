package org.bioinstruct.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LLaMA-architecture causal language model: token embedding, decoder layers, final RMSNorm and an untied
 * lm_head. Input: token ids [batch, seq] (int64); output: logits [batch, seq, vocab].
 */
public class CausalLm extends AbstractBlock implements HfNamed {
    private final TinyModelConfig config;
    private final Parameter embedTokens;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final LoraLinear lmHead;

    public CausalLm(TinyModelConfig config, LoraSpec lora) {
        this.config = config;
        embedTokens = addParameter(Parameter.builder().setName("embed_tokens").setType(Parameter.Type.WEIGHT)
                .optRequiresGrad(false).build());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(addChildBlock("layer" + i, new DecoderLayer(config, lora)));
        }
        norm = addChildBlock("norm", new RmsNorm(config.rmsNormEps()));
        lmHead = addChildBlock("lm_head", new LoraLinear(config.hiddenSize(), config.vocabSize(), null));
    }

    public TinyModelConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray table = store.getValue(embedTokens, ids.getDevice(), training);
        NDList hidden = Embedding.embedding(ids, table, SparseFormat.DENSE);
        for (DecoderLayer layer : layers) {
            hidden = layer.forward(store, hidden, training);
        }
        return lmHead.forward(store, norm.forward(store, hidden, training), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0].add(config.hiddenSize());
        for (DecoderLayer layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        norm.initialize(manager, dataType, hidden);
        lmHead.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.vocabSize())};
    }

    /** Every parameter under its Hugging Face name, in a stable order. */
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
        lmHead.collectParameters("lm_head", out);
    }
}
