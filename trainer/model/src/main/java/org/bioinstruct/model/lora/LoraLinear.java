package org.bioinstruct.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.bioinstruct.model.llama.HfNamed;
import org.bioinstruct.model.tensor.OwnedArrays;

/**
 * A bias-free linear projection {@code y = x W^T}, optionally with a LoRA update:
 * {@code y = x W^T + (alpha / r) * (dropout(x) A^T) B^T}, A of shape [r, in], B of shape [out, r], dropout only
 * while training (PEFT's order). W is frozen unless the whole model is being pre-trained; A and B take gradients. Parameter arrays are assigned from checkpoints, never from a DJL initializer, so B's zero
 * start cannot be overwritten.
 */
public class LoraLinear extends AbstractBlock implements HfNamed {
    private final long inFeatures;
    private final long outFeatures;
    private final Parameter weight;
    private final Parameter loraA;
    private final Parameter loraB;
    private final float scaling;
    private final float dropout;

    public LoraLinear(long inFeatures, long outFeatures, LoraSpec lora) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optRequiresGrad(false).build());
        if (lora != null) {
            loraA = addParameter(Parameter.builder().setName("lora_A").setType(Parameter.Type.WEIGHT).build());
            loraB = addParameter(Parameter.builder().setName("lora_B").setType(Parameter.Type.WEIGHT).build());
            scaling = lora.scaling();
            dropout = (float) lora.dropout();
        } else {
            loraA = null;
            loraB = null;
            scaling = 0f;
            dropout = 0f;
        }
    }

    public boolean hasLora() {
        return loraA != null;
    }

    public long inFeatures() {
        return inFeatures;
    }

    public long outFeatures() {
        return outFeatures;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        // B batch, T sequence length, in/out the features, r the LoRA rank
        NDArray x = inputs.singletonOrThrow(); // (B, T, in)
        NDArray w = store.getValue(weight, x.getDevice(), training); // (out, in), frozen
        NDArray y = Linear.linear(x, w).singletonOrThrow(); // x W^T: (B, T, out)
        if (loraA == null) {
            return new NDList(y);
        }
        NDArray a = store.getValue(loraA, x.getDevice(), training); // (r, in)
        NDArray b = store.getValue(loraB, x.getDevice(), training); // (out, r), zero at start
        NDArray dropped = training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
        // (B, T, in) -> x A^T (B, T, r) -> (x A^T) B^T (B, T, out)
        NDArray update = Linear.linear(Linear.linear(dropped, a).singletonOrThrow(), b).singletonOrThrow();
        return new NDList(y.add(update.mul(OwnedArrays.scalar(update, scaling)))); // (B, T, out)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outFeatures)};
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + ".weight", weight);
        if (loraA != null) {
            out.put(prefix + ".lora_A.weight", loraA);
            out.put(prefix + ".lora_B.weight", loraB);
        }
    }
}
