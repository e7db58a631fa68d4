package org.bioinstruct.trainer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bioinstruct.trainer.model.OwnedArrays;
import org.bioinstruct.trainer.model.ByteTokenizer;
import org.bioinstruct.trainer.model.Example;
import org.bioinstruct.trainer.model.LanguageModel;
import org.bioinstruct.trainer.model.PromptFormat;
import org.bioinstruct.trainer.model.PromptFormat.TokenSequence;

/**
 * Trains a model's LoRA parameters with AdamW on response tokens only (causal LM loss, prompt tokens masked).
 * Every step runs in its own sub-NDManager, so native memory stays flat across steps; base weights take no
 * gradient and are never updated. The optimizer (and its moment estimates) lives as long as this trainer.
 */
public final class LoraTrainer {
    private final LanguageModel model;
    private final TrainingOptions options;
    private final Optimizer optimizer;

    public LoraTrainer(LanguageModel model, TrainingOptions options) {
        if (model.lora() == null) {
            throw new IllegalArgumentException("model has no LoRA parameters to train");
        }
        this.model = model;
        this.options = options;
        this.optimizer = Optimizer.adamW()
                .optLearningRateTracker(Tracker.fixed((float) options.learningRate()))
                .optWeightDecays(0f)
                .build();
    }

    public TrainingResult train(List<Example> examples) {
        return train(examples, m -> { });
    }

    /** Runs {@code stepsPerShard} steps over the examples (cycling in order), reporting every step. */
    public TrainingResult train(List<Example> examples, Consumer<StepMetrics> onStep) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int maxLength = model.config().maxPositionEmbeddings();
        List<TokenSequence> sequences = new ArrayList<>();
        for (Example example : examples) {
            sequences.add(PromptFormat.encode(example, model.tokenizer(), maxLength));
        }
        int batchSize = Math.min(options.batchSize(), sequences.size());
        double lossSum = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        long tokens = 0;
        for (int step = 0; step < options.stepsPerShard(); step++) {
            List<TokenSequence> batch = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                batch.add(sequences.get((step * batchSize + i) % sequences.size()));
            }
            StepMetrics metrics = step(step + 1, batch);
            lossSum += metrics.loss();
            firstLoss = step == 0 ? metrics.loss() : firstLoss;
            lastLoss = metrics.loss();
            tokens += metrics.tokens();
            onStep.accept(metrics);
        }
        int seen = Math.min(sequences.size(), options.stepsPerShard() * batchSize);
        return new TrainingResult(options.stepsPerShard(), seen, tokens, lossSum / options.stepsPerShard(),
                firstLoss, lastLoss);
    }

    private StepMetrics step(int step, List<TokenSequence> batch) {
        long start = System.nanoTime();
        try (NDManager stepManager = model.manager().newSubManager()) {
            Batch b = Batch.of(batch, stepManager);
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(b.inputs(), true);
                loss = maskedCrossEntropy(logits, b.targets(), b.mask());
                collector.backward(loss);
            }
            double gradNorm = applyGradients(stepManager);
            double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
            return new StepMetrics(step, loss.getFloat(), options.learningRate(), b.targetTokens(),
                    b.targetTokens() / seconds, gradNorm);
        }
    }

    /** Mean negative log-likelihood of the targets where mask is 1. */
    static NDArray maskedCrossEntropy(NDArray logits, NDArray targets, NDArray mask) {
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1);
        return picked.mul(mask).sum().neg().div(mask.sum());
    }

    private double applyGradients(NDManager stepManager) {
        double squares = 0;
        for (Map.Entry<String, Parameter> e : model.loraParameters().entrySet()) {
            NDArray weight = e.getValue().getArray();
            NDArray grad = weight.getGradient();
            grad.attach(stepManager);
            squares += grad.square().sum().getFloat();
            optimizer.update(e.getValue().getId(), weight, grad);
            grad.subi(grad);
        }
        return Math.sqrt(squares);
    }

    /** A right-padded batch: inputs, next-token targets and a 0/1 mask over response targets. */
    private record Batch(NDArray inputs, NDArray targets, NDArray mask, long targetTokens) {
        static Batch of(List<TokenSequence> sequences, NDManager manager) {
            int length = 1;
            for (TokenSequence s : sequences) {
                length = Math.max(length, s.tokens().length - 1);
            }
            int rows = sequences.size();
            long[] inputs = new long[rows * length];
            long[] targets = new long[rows * length];
            float[] mask = new float[rows * length];
            long count = 0;
            java.util.Arrays.fill(inputs, ByteTokenizer.PAD);
            java.util.Arrays.fill(targets, ByteTokenizer.PAD);
            for (int r = 0; r < rows; r++) {
                int[] tokens = sequences.get(r).tokens();
                for (int t = 0; t + 1 < tokens.length; t++) {
                    inputs[r * length + t] = tokens[t];
                    targets[r * length + t] = tokens[t + 1];
                    if (t + 1 >= sequences.get(r).responseStart()) {
                        mask[r * length + t] = 1f;
                        count++;
                    }
                }
            }
            Shape shape = new Shape(rows, length);
            return new Batch(OwnedArrays.of(manager, inputs, shape), OwnedArrays.of(manager, targets, shape),
                    OwnedArrays.of(manager, mask, shape), count);
        }
    }
}
