package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.model.tokenizer.PromptFormat;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraTrainerTest {
    static final List<Example> MEMORIZE = List.of(
            new Example("m1", "Name the gene.", "", "TP53", Category.IE, "test"),
            new Example("m2", "Is aspirin an NSAID?", "", "yes", Category.QA, "test"),
            new Example("m3", "Summarize.", "Fever and cough.", "flu-like illness", Category.GEN, "test"),
            new Example("m4", "Spell out BP.", "", "blood pressure", Category.OTHER, "test"));

    @TempDir
    static Path dir;
    static BaseModel base;

    @BeforeAll
    static void createBase() throws IOException {
        base = BaseModels.createOrLoad(dir.resolve("base"), 7);
    }

    @Test
    void lossFallsWhileMemorizingATinySet() {
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            LoraTrainer trainer = new LoraTrainer(model, new TrainingOptions(1e-2, 30, 4));
            List<StepMetrics> steps = new ArrayList<>();

            TrainingResult result = trainer.train(MEMORIZE, steps::add);

            assertEquals(30, result.steps());
            assertEquals(4, result.examples());
            assertEquals(30, steps.size());
            assertTrue(result.lastLoss() < 0.6 * result.firstLoss(),
                    "loss " + result.firstLoss() + " -> " + result.lastLoss());
            assertTrue(steps.stream().allMatch(s -> s.gradNorm() > 0 && s.tokensPerSecond() > 0));
        }
    }

    /**
     * Regression: DJL builds CPU arrays over GC-managed direct buffers; a buffer collected between the
     * forward and the backward pass, while autograd still held its tensor, made gradients NaN or
     * different from run to run. With the collector running all the time, not a bit may change.
     */
    @Test
    void trainingIsBitReproducibleWhileTheGarbageCollectorRuns() throws InterruptedException {
        List<Double> quiet = losses();
        List<Double> collected;
        java.util.concurrent.atomic.AtomicBoolean training = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (training.get()) {
                System.gc();
            }
        });
        collector.start();
        try {
            collected = losses();
        } finally {
            training.set(false);
            collector.join();
        }

        assertEquals(quiet, collected);
        assertTrue(quiet.stream().allMatch(Double::isFinite), quiet.toString());
    }

    private static List<Double> losses() {
        List<Double> losses = new ArrayList<>();
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            new LoraTrainer(model, new TrainingOptions(1e-2, 12, 4)).train(MEMORIZE, m -> losses.add(m.loss()));
        }
        return losses;
    }

    @Test
    void trainingLeavesBaseWeightsBitIdenticalAndChangesOnlyLora() {
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            Map<String, FloatTensor> before = model.baseWeights();
            Map<String, FloatTensor> loraBefore = model.exportAdapter().weights();

            TrainingResult result = new LoraTrainer(model, TrainingOptions.defaults().withEpochs(8)).train(MEMORIZE);

            assertEquals(base.weights(), before);
            assertEquals(before, model.baseWeights());
            assertNotEquals(loraBefore, model.exportAdapter().weights());
            assertEquals(8, result.steps(), "4 examples in one batch of 8, 8 epochs");
            assertTrue(result.tokens() > 0 && Double.isFinite(result.meanLoss()));
        }
    }

    @Test
    void accumulatingTwoMicroBatchesOfTwoEqualsOneBatchOfFour() {
        TrainingOptions oneBatch = new TrainingOptions(LearningRateSchedule.constant(1e-2), 3, 4, 1, 0,
                AdamW.Hyper.defaults(), 256, 0);
        TrainingOptions accumulated = new TrainingOptions(LearningRateSchedule.constant(1e-2), 3, 2, 2, 0,
                AdamW.Hyper.defaults(), 256, 0);
        List<StepMetrics> stepsOne = new ArrayList<>();
        List<StepMetrics> stepsAccumulated = new ArrayList<>();

        Map<String, FloatTensor> one = trainedLora(oneBatch, stepsOne::add);
        Map<String, FloatTensor> two = trainedLora(accumulated, stepsAccumulated::add);

        assertEquals(3, stepsOne.size());
        assertEquals(3, stepsAccumulated.size(), "two micro-batches make one optimizer step");
        for (int i = 0; i < 3; i++) {
            StepMetrics a = stepsOne.get(i);
            StepMetrics b = stepsAccumulated.get(i);
            assertEquals(a.loss(), b.loss(), 1e-5, "loss of step " + i);
            // Adam is blind to a gradient's scale: the norm shows the micro-batches are weighted right
            assertEquals(a.gradNorm(), b.gradNorm(), 1e-4 * a.gradNorm(), "gradient norm of step " + i);
            assertEquals(a.tokens(), b.tokens());
        }
        IncrementalTrainerTest.assertClose(one, two, 1e-4f);
    }

    @Test
    void clipsTheGlobalGradientNormBeforeTheUpdate() {
        double maxNorm = 1e-3;
        TrainingOptions clipped = new TrainingOptions(LearningRateSchedule.constant(1e-2), 2, 4, 1, maxNorm,
                AdamW.Hyper.defaults(), 256, 0);
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            LoraTrainer trainer = new LoraTrainer(model, clipped);
            List<StepMetrics> steps = new ArrayList<>();
            trainer.train(MEMORIZE.subList(0, 1), steps::add);

            assertTrue(steps.get(0).gradNorm() > 10 * maxNorm, "reported norm is the one before clipping");
            // first step: exp_avg = (1 - beta1) * g, and |g| was clipped to maxNorm
            org.bioinstruct.trainer.adapters.OptimizerState afterOne;
            try (LanguageModel again = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
                LoraTrainer oneStep = new LoraTrainer(again, clipped.withEpochs(1));
                oneStep.train(MEMORIZE.subList(0, 1));
                afterOne = oneStep.optimizerState();
            }
            double squares = 0;
            for (FloatTensor t : afterOne.expAvg().values()) {
                for (float v : t.data()) {
                    squares += (double) v * v;
                }
            }
            assertEquals(0.1 * maxNorm, Math.sqrt(squares), 1e-7);
        }
    }

    @Test
    void aResponseOnlyChangesTheLossThroughResponseTokens() {
        Example a = new Example("a", "Name the gene.", "", "TP53", Category.IE, "t");
        Example b = new Example("b", "Name the gene.", "", "TP53", Category.IE, "t");
        Example otherPrompt = new Example("c", "Name one human tumour suppressor gene.", "", "TP53", Category.IE, "t");
        TrainingOptions once = new TrainingOptions(1e-2, 1, 1);
        List<Double> same = new ArrayList<>();
        trainedLora(once, m -> same.add(m.loss()), a);
        trainedLora(once, m -> same.add(m.loss()), b);
        List<Double> other = new ArrayList<>();
        trainedLora(once, m -> other.add(m.loss()), otherPrompt);

        assertEquals(same.get(0), same.get(1), 0.0);
        assertNotEquals(same.get(0), other.get(0), "the prompt conditions the response loss");
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            PromptFormat.TokenSequence seq = PromptFormat.encode(a, model.tokenizer(), 256);
            assertEquals(model.tokenizer().encode("TP53").length + 1, MicroBatch.targetTokens(seq),
                    "response tokens and EOS carry the loss");
        }
    }

    private static Map<String, FloatTensor> trainedLora(TrainingOptions options, java.util.function.Consumer<StepMetrics> onStep,
                                                        Example... only) {
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            new LoraTrainer(model, options).train(only.length == 0 ? MEMORIZE : List.of(only), 3, onStep);
            return model.exportAdapter().weights();
        }
    }

    /** Regression: PyTorch's grad mode is per thread and on in new threads, where in-place updates of leaves fail. */
    @Test
    void trainsInAThreadOtherThanTheOneThatStartedTheEngine() throws InterruptedException {
        List<Double> onMain = new ArrayList<>();
        trainedLora(new TrainingOptions(1e-2, 2, 4), m -> onMain.add(m.loss()));
        List<Double> onOther = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                trainedLora(new TrainingOptions(1e-2, 2, 4), m -> onOther.add(m.loss()));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();

        assertEquals(null, failure.get());
        assertEquals(onMain, onOther);
    }

    @Test
    void freshAdapterLeavesOutputsEqualToTheBaseModel() {
        String prompt = "### Instruction:\nName the gene.\n\n### Response:\n";
        try (LanguageModel plain = LanguageModel.create(base);
             LanguageModel adapted = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            assertEquals(plain.generate(prompt, 12), adapted.generate(prompt, 12));
        }
    }
}
