package org.bioinstruct.trainer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.tensor.OwnedArrays;
import org.bioinstruct.model.tokenizer.PromptFormat.TokenSequence;
import org.bioinstruct.model.tokenizer.PromptFormat;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.trainer.adapters.OptimizerState;

/**
 * Trains a model's LoRA parameters on the Alpaca prompt with the loss on response tokens only: length-bucketed
 * micro-batches, gradient accumulation, global-norm clipping and AdamW under a warmup-and-decay schedule.
 * Every optimizer step (and every micro-batch within it) runs in its own sub-NDManager, so native memory stays
 * flat; base weights take no gradient and are never updated. The optimizer state lives as long as this trainer
 * and can be saved and restored ({@link #optimizerState()}, {@link #loadOptimizerState}).
 */
public final class LoraTrainer {
    private final LanguageModel model;
    private final TrainingOptions options;
    private final Map<String, Parameter> parameters;
    private final AdamW optimizer;

    public LoraTrainer(LanguageModel model, TrainingOptions options) {
        if (model.lora() == null) {
            throw new IllegalArgumentException("model has no LoRA parameters to train");
        }
        this.model = model;
        this.options = options;
        this.parameters = model.loraParameters();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        parameters.forEach((name, p) -> arrays.put(name, p.getArray()));
        this.optimizer = new AdamW(options.adamW(), arrays, model.manager());
    }

    public TrainingOptions options() {
        return options;
    }

    public OptimizerState optimizerState() {
        return optimizer.state();
    }

    public void loadOptimizerState(OptimizerState state) {
        optimizer.load(state);
    }

    public TrainingResult train(List<Example> examples) {
        return train(examples, 0, m -> { });
    }

    public TrainingResult train(List<Example> examples, Consumer<StepMetrics> onStep) {
        return train(examples, 0, onStep);
    }

    /** Runs the configured epochs over the examples; {@code seed} fixes the batch order, reported every step. */
    public TrainingResult train(List<Example> examples, long seed, Consumer<StepMetrics> onStep) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        return trainTokens(encode(examples), seed, onStep).withExamples(examples.size());
    }

    /**
     * Trains on sequences already tokenized (loss from each one's {@code responseStart}); the unit of work
     * behind {@link #train}, public for benchmarks and pre-tokenized data.
     */
    public TrainingResult trainTokens(List<TokenSequence> sequences, long seed, Consumer<StepMetrics> onStep) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences to train on");
        }
        // PyTorch's grad mode is per thread and on by default in threads DJL did not start; the optimizer's
        // in-place updates of leaf tensors need it off (gradient collectors turn it on and restore it)
        JniUtils.setGradMode(false);
        List<List<List<TokenSequence>>> groups = optimizerSteps(sequences, seed);
        double lossSum = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        long tokens = 0;
        for (int i = 0; i < groups.size(); i++) {
            StepMetrics metrics = step(i + 1, groups.size(), groups.get(i));
            lossSum += metrics.loss();
            firstLoss = i == 0 ? metrics.loss() : firstLoss;
            lastLoss = metrics.loss();
            tokens += metrics.tokens();
            onStep.accept(metrics);
        }
        return new TrainingResult(groups.size(), sequences.size(), tokens, lossSum / groups.size(), firstLoss,
                lastLoss);
    }

    private List<TokenSequence> encode(List<Example> examples) {
        int maxLength = Math.min(options.maxSequenceLength(), model.config().maxPositionEmbeddings());
        List<TokenSequence> sequences = new ArrayList<>(examples.size());
        for (Example example : examples) {
            sequences.add(PromptFormat.encode(example, model.tokenizer(), maxLength));
        }
        return sequences;
    }

    /** All epochs' micro-batches in order, {@code accumulation} of them per optimizer step (the last may be short). */
    private List<List<List<TokenSequence>>> optimizerSteps(List<TokenSequence> sequences, long seed) {
        List<List<TokenSequence>> microBatches = new ArrayList<>();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            microBatches.addAll(LengthBuckets.epoch(sequences, options.batchSize(), s -> s.tokens().length,
                    seed * 1_000_003L + epoch));
        }
        List<List<List<TokenSequence>>> steps = new ArrayList<>();
        for (int from = 0; from < microBatches.size(); from += options.accumulation()) {
            steps.add(microBatches.subList(from, Math.min(from + options.accumulation(), microBatches.size())));
        }
        return steps;
    }

    private StepMetrics step(int step, int totalSteps, List<List<TokenSequence>> microBatches) {
        long start = System.nanoTime();
        double learningRate = options.schedule().at(step, totalSteps);
        long targetTokens = 0;
        for (List<TokenSequence> micro : microBatches) {
            for (TokenSequence s : micro) {
                targetTokens += MicroBatch.targetTokens(s);
            }
        }
        try (NDManager stepManager = model.manager().newSubManager()) {
            double loss = 0;
            long tokens = 0;
            for (List<TokenSequence> micro : microBatches) {
                try (NDManager microManager = stepManager.newSubManager()) {
                    MicroBatch batch = MicroBatch.of(micro, microManager);
                    tokens += batch.tokens();
                    loss += forwardBackward(batch, Math.max(targetTokens, 1));
                }
            }
            double gradNorm = applyGradients(stepManager, learningRate);
            double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
            return new StepMetrics(step, totalSteps, optimizer.step(), loss, learningRate, tokens, tokens / seconds,
                    gradNorm);
        }
    }

    /** Backpropagates this micro-batch's share of the step loss (summed NLL over the step's target tokens). */
    private double forwardBackward(MicroBatch batch, long stepTargetTokens) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.forward(batch.inputs(), true);
            NDArray loss = maskedNllSum(logits, batch.targets(), batch.mask())
                    .div(OwnedArrays.scalar(logits, stepTargetTokens));
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Summed negative log-likelihood of the targets where mask is 1. */
    static NDArray maskedNllSum(NDArray logits, NDArray targets, NDArray mask) {
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1);
        return picked.mul(mask).sum().neg();
    }

    /**
     * Clips the summed gradients to the global norm, applies AdamW (which zeroes them); returns the norm before
     * clipping. The squared norms are summed natively, so reading the norm costs one synchronisation.
     */
    private double applyGradients(NDManager stepManager, double learningRate) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        NDList squares = new NDList();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray grad = e.getValue().getArray().getGradient();
            grad.attach(stepManager);
            squares.add(grad.square().sum());
            grads.put(e.getKey(), grad);
        }
        double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        if (!Double.isFinite(norm)) {
            grads.values().forEach(g -> g.set(new NDIndex("..."), 0f));
            throw new ArithmeticException("gradient norm is " + norm + "; step not applied");
        }
        double scale = options.maxGradNorm() > 0 ? Math.min(1, options.maxGradNorm() / (norm + 1e-6)) : 1;
        optimizer.beginStep();
        grads.forEach((name, grad) ->
                optimizer.update(name, parameters.get(name).getArray(), grad, learningRate, scale));
        return norm;
    }
}
