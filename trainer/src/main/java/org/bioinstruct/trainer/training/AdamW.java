package org.bioinstruct.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.TreeMap;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.model.tensor.OwnedArrays;
import org.bioinstruct.trainer.adapters.OptimizerState;

/**
 * AdamW with decoupled weight decay, the update of {@code torch.optim.AdamW} (to float tolerance), run by the
 * engine's fused Adam kernel. Unlike DJL's own optimizer it exposes its moment estimates and step count, so
 * they can be saved with an adapter version and training resumes exactly where it stopped.
 */
public final class AdamW {
    /** Hyper-parameters; the defaults are PyTorch's except weight decay, which PEFT recipes keep at 0. */
    public record Hyper(double beta1, double beta2, double epsilon, double weightDecay) {
        public Hyper {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("need 0 <= beta1, beta2 < 1, epsilon > 0, weight decay >= 0");
            }
        }

        public static Hyper defaults() {
            return new Hyper(0.9, 0.999, 1e-8, 0.0);
        }
    }

    private final Hyper hyper;
    private final Map<String, NDArray> expAvg = new TreeMap<>();
    private final Map<String, NDArray> expAvgSq = new TreeMap<>();
    private long step;

    /** Zero moments shaped like {@code parameters}, owned by {@code manager}. */
    public AdamW(Hyper hyper, Map<String, NDArray> parameters, NDManager manager) {
        this.hyper = hyper;
        parameters.forEach((name, weight) -> {
            expAvg.put(name, zeros(manager, weight));
            expAvgSq.put(name, zeros(manager, weight));
        });
    }

    private static NDArray zeros(NDManager manager, NDArray like) {
        return OwnedArrays.of(manager, new float[Math.toIntExact(like.size())], like.getShape());
    }

    public long step() {
        return step;
    }

    /** Starts the next optimizer step; call once before the {@link #update} calls of that step. */
    public void beginStep() {
        step++;
    }

    /**
     * Updates {@code weight} in place from {@code grad} scaled by {@code gradScale} (the clipping factor, 1 for
     * none), in one fused native call per tensor; zeroes {@code weight}'s gradient.
     */
    public void update(String name, NDArray weight, NDArray grad, double learningRate, double gradScale) {
        NDArray m = expAvg.get(name);
        NDArray v = expAvgSq.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no optimizer state for " + name);
        }
        double correction1 = 1 - Math.pow(hyper.beta1(), step);
        double correction2 = 1 - Math.pow(hyper.beta2(), step);
        // w -= lr * sqrt(c2) / c1 * m / (sqrt(v) + eps): torch's lr / c1 * m / (sqrt(v / c2) + eps) but for
        // where epsilon enters, which moves nothing as long as sqrt(v) is far above eps
        float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight),
                (float) learningRate, stepSize, (float) hyper.weightDecay(), (float) gradScale, -1f,
                (float) hyper.beta1(), (float) hyper.beta2(), (float) hyper.epsilon(), false, true);
    }

    public OptimizerState state() {
        Map<String, FloatTensor> first = new TreeMap<>();
        Map<String, FloatTensor> second = new TreeMap<>();
        expAvg.forEach((name, array) -> first.put(name, toTensor(array)));
        expAvgSq.forEach((name, array) -> second.put(name, toTensor(array)));
        return new OptimizerState(step, first, second);
    }

    /** Restores moments and step count; the state must cover exactly this optimizer's parameters. */
    public void load(OptimizerState state) {
        if (!state.expAvg().keySet().equals(expAvg.keySet()) || !state.expAvgSq().keySet().equals(expAvgSq.keySet())) {
            throw new IllegalArgumentException("optimizer state for " + state.expAvg().keySet()
                    + " does not match parameters " + expAvg.keySet());
        }
        expAvg.forEach((name, array) -> set(array, state.expAvg().get(name), name));
        expAvgSq.forEach((name, array) -> set(array, state.expAvgSq().get(name), name));
        step = state.step();
    }

    private static void set(NDArray array, FloatTensor tensor, String name) {
        if (!array.getShape().equals(new ai.djl.ndarray.types.Shape(tensor.shape()))) {
            throw new IllegalArgumentException(name + ": optimizer state shape differs from the parameter's");
        }
        array.set(tensor.data());
    }

    private static FloatTensor toTensor(NDArray array) {
        return new FloatTensor(array.getShape().getShape(), array.toFloatArray());
    }
}
