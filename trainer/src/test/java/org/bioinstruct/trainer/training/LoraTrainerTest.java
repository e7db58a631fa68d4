package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.trainer.model.BaseModel;
import org.bioinstruct.trainer.model.BaseModels;
import org.bioinstruct.trainer.model.Example;
import org.bioinstruct.trainer.model.FloatTensor;
import org.bioinstruct.trainer.model.LanguageModel;
import org.bioinstruct.trainer.model.LoraSpec;
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

            TrainingResult result = new LoraTrainer(model, TrainingOptions.defaults()).train(MEMORIZE);

            assertEquals(base.weights(), before);
            assertEquals(before, model.baseWeights());
            assertNotEquals(loraBefore, model.exportAdapter().weights());
            assertEquals(8, result.steps());
            assertTrue(result.tokens() > 0 && Double.isFinite(result.meanLoss()));
        }
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
