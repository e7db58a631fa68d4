package org.bioinstruct.model.pretrain;

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
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.tensor.OwnedArrays;
import org.bioinstruct.model.tokenizer.TextTokenizer;

/**
 * Brief full-parameter pre-training of the project's tiny base model on its own biomedical text: next-token
 * loss on random windows of the packed token stream ({@code BOS text EOS BOS text EOS ...}), AdamW with a
 * linear warmup and cosine decay, a sub-NDManager per step. Only the tiny model is ever pre-trained this way;
 * fine-tuning trains LoRA adapters alone.
 */
public final class Pretrainer {
    /** Steps, sequences per step, tokens per sequence, peak learning rate, warmup steps, window seed. */
    public record Options(int steps, int batchSize, int sequenceLength, double learningRate, int warmupSteps,
                          long seed) {
        public Options {
            if (steps < 0 || batchSize <= 0 || sequenceLength <= 1 || !(learningRate > 0) || warmupSteps < 0) {
                throw new IllegalArgumentException("invalid pre-training options " + this);
            }
        }

        public static Options defaults(int steps, long seed) {
            return new Options(steps, 8, 128, 3e-3, Math.max(1, steps / 10), seed);
        }
    }

    /** One logged point of the loss curve. */
    public record Point(int step, double loss) {
    }

    private Pretrainer() {
    }

    /** Trains every parameter of {@code model} (made with {@link LanguageModel#forPretraining}); returns the losses. */
    public static List<Point> run(LanguageModel model, List<String> texts, Options options, Consumer<Point> onStep) {
        int[] stream = pack(model.tokenizer(), texts);
        if (stream.length <= options.sequenceLength() + 1) {
            throw new IllegalArgumentException("text too short for sequences of " + options.sequenceLength());
        }
        Optimizer optimizer = Optimizer.adamW().optLearningRateTracker(schedule(options)).optWeightDecays(0f).build();
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Point> curve = new ArrayList<>();
        for (int step = 1; step <= options.steps(); step++) {
            double loss = step(model, optimizer, windows(stream, options, random), options.batchSize());
            Point point = new Point(step, loss);
            curve.add(point);
            onStep.accept(point);
        }
        return curve;
    }

    private static int[] pack(TextTokenizer tokenizer, List<String> texts) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (String text : texts) {
            int[] ids = tokenizer.encode(text);
            parts.add(ids);
            total += ids.length + 2;
        }
        int[] stream = new int[total];
        int at = 0;
        for (int[] ids : parts) {
            stream[at++] = tokenizer.bosId();
            System.arraycopy(ids, 0, stream, at, ids.length);
            at += ids.length;
            stream[at++] = tokenizer.eosId();
        }
        return stream;
    }

    private static long[] windows(int[] stream, Options options, SplittableRandom random) {
        int span = options.sequenceLength() + 1;
        long[] out = new long[options.batchSize() * span];
        for (int row = 0; row < options.batchSize(); row++) {
            int start = random.nextInt(stream.length - span + 1);
            for (int t = 0; t < span; t++) {
                out[row * span + t] = stream[start + t];
            }
        }
        return out;
    }

    private static double step(LanguageModel model, Optimizer optimizer, long[] windows, int rows) {
        try (NDManager stepManager = model.manager().newSubManager()) {
            NDArray all = OwnedArrays.of(stepManager, windows, new Shape(rows, windows.length / rows));
            long span = all.getShape().get(1);
            NDArray inputs = all.get(":, :" + (span - 1));
            NDArray targets = all.get(":, 1:");
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logProbs = model.forward(inputs, true).logSoftmax(-1);
                loss = logProbs.gather(targets.expandDims(-1), -1).mean().neg();
                collector.backward(loss);
            }
            for (Map.Entry<String, Parameter> e : model.trainableParameters().entrySet()) {
                NDArray weight = e.getValue().getArray();
                NDArray grad = weight.getGradient();
                grad.attach(stepManager);
                optimizer.update(e.getKey(), weight, grad);
                grad.subi(grad);
            }
            return loss.getFloat();
        }
    }

    private static Tracker schedule(Options options) {
        return update -> {
            int step = update + 1;
            if (step <= options.warmupSteps()) {
                return (float) (options.learningRate() * step / options.warmupSteps());
            }
            double progress = (double) (step - options.warmupSteps()) / Math.max(1, options.steps() - options.warmupSteps());
            return (float) (options.learningRate() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)))));
        };
    }
}
