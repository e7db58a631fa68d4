package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.trainer.model.BaseModel;
import org.bioinstruct.trainer.model.BaseModels;
import org.bioinstruct.trainer.model.Example;
import org.bioinstruct.trainer.model.LanguageModel;
import org.bioinstruct.trainer.model.LoraAdapter;
import org.bioinstruct.trainer.model.LoraSpec;
import org.bioinstruct.trainer.training.LoraTrainer;
import org.bioinstruct.trainer.training.TrainingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointEvaluatorTest {
    static final List<Example> HELD_OUT = List.of(
            new Example("e1", "Name the gene.", "", "TP53", Category.IE, "test"),
            new Example("e2", "Is aspirin an NSAID?", "", "yes", Category.QA, "test"),
            new Example("e3", "Is insulin a hormone?", "", "yes", Category.QA, "test"),
            new Example("e4", "Summarize.", "Fever and cough.", "flu like illness", Category.GEN, "test"));

    @TempDir
    static Path dir;
    static BaseModel base;
    static LoraAdapter adapter;

    @BeforeAll
    static void trainAnAdapter() throws IOException {
        base = BaseModels.createOrLoad(dir.resolve("base"), 7);
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            new LoraTrainer(model, new TrainingOptions(1e-2, 30, 4)).train(HELD_OUT);
            adapter = model.exportAdapter();
        }
    }

    @Test
    void greedyGenerationIsDeterministic() {
        Example example = HELD_OUT.get(0);
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, 16);
             LanguageModel first = LanguageModel.withAdapter(base, adapter);
             LanguageModel second = LanguageModel.withAdapter(base, adapter)) {
            String answer = evaluator.answer(first, example);
            assertEquals(answer, evaluator.answer(first, example));
            assertEquals(answer, evaluator.answer(second, example));
        }
    }

    @Test
    void adapterLoadedFromDiskAnswersLikeTheTrainedOne() throws IOException {
        Path saved = dir.resolve("adapter");
        java.nio.file.Files.createDirectories(saved);
        adapter.save(saved);
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, 16);
             LanguageModel fromMemory = LanguageModel.withAdapter(base, adapter);
             LanguageModel fromDisk = LanguageModel.withAdapter(base, LoraAdapter.load(saved));
             LanguageModel plain = LanguageModel.create(base)) {
            Example example = HELD_OUT.get(3);
            assertEquals(evaluator.answer(fromMemory, example), evaluator.answer(fromDisk, example));
            assertNotEquals(evaluator.answer(plain, example), evaluator.answer(fromDisk, example));
        }
    }

    @Test
    void producesOneMetricPerCategoryPresentAndOneOverall() {
        HeldOutSet heldOut = new HeldOutSet();
        heldOut.add("eval-000001", HELD_OUT.subList(0, 2));
        heldOut.add("eval-000002", HELD_OUT.subList(2, 4));
        List<EvalMetric> metrics;
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, 24)) {
            metrics = evaluator.evaluate(3, "run-1", adapter, heldOut.subset(24));
        }

        Map<String, EvalMetric> byKey = metrics.stream()
                .collect(Collectors.toMap(m -> m.getTask() + "/" + (m.getCategory() == null ? "all" : m.getCategory()), m -> m));
        assertEquals(Map.of("generation/GEN", 1, "generation/IE", 1, "generation/QA", 2, "generation/all", 4),
                byKey.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getN())));
        for (EvalMetric m : metrics) {
            assertEquals(3, m.getAdapterVersion());
            assertEquals("run-1", m.getRunId());
            assertEquals("heldout", m.getSuite());
            assertEquals("rougeL", m.getMetric());
            assertEquals(List.of("eval-000001", "eval-000002"), m.getEvalShardIds());
            assertTrue(m.getValue() >= 0 && m.getValue() <= 1 && m.getBaseline() >= 0 && m.getBaseline() <= 1);
            double expectedGain = m.getBaseline() == 0 ? 0 : (m.getValue() - m.getBaseline()) / m.getBaseline();
            assertEquals(expectedGain, m.getGain(), 1e-12);
        }
        EvalMetric all = byKey.get("generation/all");
        double meanOfCategories = (byKey.get("generation/GEN").getValue() + byKey.get("generation/IE").getValue()
                + 2 * byKey.get("generation/QA").getValue()) / 4;
        assertEquals(meanOfCategories, all.getValue(), 1e-12);
        assertTrue(all.getValue() > all.getBaseline(), "memorized adapter beats the untrained base: " + all);
    }

    @Test
    void subsetIsCappedAndIndependentOfArrivalOrder() {
        HeldOutSet forward = new HeldOutSet();
        forward.add("a", HELD_OUT.subList(0, 2));
        forward.add("b", HELD_OUT.subList(2, 4));
        HeldOutSet backward = new HeldOutSet();
        backward.add("b", HELD_OUT.subList(2, 4));
        backward.add("a", HELD_OUT.subList(0, 2));

        assertEquals(3, forward.subset(3).examples().size());
        assertEquals(forward.subset(3).examples(), backward.subset(3).examples());
    }
}
