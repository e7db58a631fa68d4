package org.bioinstruct.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.bioinstruct.model.lora.LoraLinear;
import org.bioinstruct.model.lora.LoraSpec;

/** LLaMA's feed-forward block: {@code down_proj(silu(gate_proj(x)) * up_proj(x))}. */
public class SwiGluMlp extends AbstractBlock implements HfNamed {
    private final LoraLinear gateProj;
    private final LoraLinear upProj;
    private final LoraLinear downProj;

    public SwiGluMlp(LlamaConfig config, LoraSpec lora) {
        int hidden = config.hiddenSize();
        int inner = config.intermediateSize();
        gateProj = addChildBlock("gate_proj", new LoraLinear(hidden, inner, LoraSpec.only(lora, "gate_proj")));
        upProj = addChildBlock("up_proj", new LoraLinear(hidden, inner, LoraSpec.only(lora, "up_proj")));
        downProj = addChildBlock("down_proj", new LoraLinear(inner, hidden, LoraSpec.only(lora, "down_proj")));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        // B batch, T sequence length, C hidden size, I intermediate size; input (B, T, C)
        NDArray gate = gateProj.forward(store, inputs, training).singletonOrThrow(); // (B, T, I)
        NDArray up = upProj.forward(store, inputs, training).singletonOrThrow(); // (B, T, I)
        // swish(gate) = gate * sigmoid(gate), without DJL's scalar overload (see OwnedArrays)
        NDArray activated = gate.mul(Activation.sigmoid(gate)).mul(up); // (B, T, I)
        return downProj.forward(store, new NDList(activated), training); // (B, T, C)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        gateProj.initialize(manager, dataType, inputShapes);
        upProj.initialize(manager, dataType, inputShapes);
        Shape in = inputShapes[0];
        downProj.initialize(manager, dataType, in.slice(0, in.dimension() - 1).add(gateProj.outFeatures()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        gateProj.collectParameters(prefix + ".gate_proj", out);
        upProj.collectParameters(prefix + ".up_proj", out);
        downProj.collectParameters(prefix + ".down_proj", out);
    }
}
