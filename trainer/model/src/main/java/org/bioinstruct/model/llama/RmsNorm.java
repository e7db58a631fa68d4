package org.bioinstruct.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.bioinstruct.model.tensor.OwnedArrays;

/** LLaMA's RMSNorm: {@code x / sqrt(mean(x^2) + eps) * weight} over the last axis. */
public class RmsNorm extends AbstractBlock implements HfNamed {
    private final float eps;
    private final Parameter weight;

    public RmsNorm(double eps) {
        this.eps = (float) eps;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // (B, T, C)
        NDArray rms = x.square().mean(new int[] {-1}, true).add(OwnedArrays.scalar(x, eps)).sqrt(); // (B, T, 1)
        return new NDList(x.div(rms).mul(store.getValue(weight, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + ".weight", weight);
    }
}
