package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bioinstruct.evaluator.scoring.BaselineCache;
import org.bioinstruct.evaluator.suite.BenchmarkFormat;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.shards.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckpointEvaluatorTest {
    static final List<Example> HELD_OUT = List.of(
            new Example("e1", "Extract the drug names.", "Pt on metformin and aspirin.", "metformin, aspirin", Category.IE, "t"),
            new Example("e2", "Is aspirin an NSAID? Answer yes or no.", "", "Yes", Category.QA, "t"),
            new Example("e3", "Which gene is mutated?", "", "CFTR", Category.QA, "t"),
            new Example("e4", "Summarize.", "Fever and cough.", "flu like illness", Category.GEN, "t"));

    @RegisterExtension
    static final TinyModels.PerClass tiny = TinyModels.perClass(3, 0.5);

    @TempDir
    static Path dir;

    static Suite heldOut() {
        HeldOutSet set = new HeldOutSet();
        set.add("eval-000001", HELD_OUT.subList(0, 2));
        set.add("eval-000002", HELD_OUT.subList(2, 4));
        return set.suite(8);
    }

    @Test
    void publishesFiguresPerTaskAndCategoryWithBaselineAndGain() throws Exception {
        List<EvalMetric> metrics;
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(tiny.base(),
                new BaselineCache(dir.resolve("s1"), "m", 8),
                8, Optional.empty())) {
            metrics = evaluator.evaluate(3, "run-1", tiny.adapter(), List.of(heldOut()));
        }
        Map<String, Integer> n = metrics.stream().collect(Collectors.toMap(
                m -> (m.getCategory() == null ? "all" : m.getCategory()) + "/" + m.getTask() + "/" + m.getMetric(), EvalMetric::getN));
        assertEquals(Map.ofEntries(
                Map.entry("QA/multiple_choice/acc", 1), Map.entry("QA/multiple_choice/acc_norm", 1),
                Map.entry("QA/short_answer/exact_match", 1), Map.entry("QA/all/score", 2),
                Map.entry("IE/entities/precision", 1), Map.entry("IE/entities/recall", 1), Map.entry("IE/entities/f1", 1),
                Map.entry("IE/all/score", 1), Map.entry("GEN/generation/rougeL", 1), Map.entry("GEN/all/score", 1),
                Map.entry("all/all/score", 4)), n);
        for (EvalMetric m : metrics) {
            assertEquals(3, m.getAdapterVersion());
            assertEquals("heldout", m.getSuite());
            assertEquals(List.of("eval-000001", "eval-000002"), m.getEvalShardIds());
            double gain = m.getBaseline() == 0 ? 0 : (m.getValue() - m.getBaseline()) / m.getBaseline();
            assertEquals(gain, m.getGain(), 1e-12);
        }
    }

    @Test
    void baseModelRunsOncePerItemAndSuiteAcrossRestarts() throws Exception {
        Path state = dir.resolve("s2");
        Suite suite = BenchmarkFormat.MEDNLI.read(Path.of(getClass().getResource("/benchmarks/mednli.jsonl").toURI()));
        List<EvalMetric> first;
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(tiny.base(), new BaselineCache(state, "m", 8), 8,
                Optional.empty())) {
            first = evaluator.evaluate(1, "r", tiny.adapter(), List.of(suite));
        }
        Path file = state.resolve("baseline/m-t8/mednli.jsonl");
        assertEquals(3, Files.readAllLines(file).size());
        List<EvalMetric> second;
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(tiny.base(), new BaselineCache(state, "m", 8), 8,
                Optional.empty())) {
            second = evaluator.evaluate(2, "r", tiny.adapter(), List.of(suite));
        }
        assertEquals(3, Files.readAllLines(file).size(), "nothing re-run for the base model");
        assertEquals(first.stream().map(EvalMetric::getBaseline).toList(), second.stream().map(EvalMetric::getBaseline).toList());
        assertTrue(first.stream().allMatch(m -> m.getCategory() == Category.OTHER));
    }

    @Test
    void heldOutSampleIsCappedPerCategoryAndIndependentOfArrivalOrder() {
        HeldOutSet forward = new HeldOutSet();
        forward.add("a", HELD_OUT.subList(0, 2));
        forward.add("b", HELD_OUT.subList(2, 4));
        HeldOutSet backward = new HeldOutSet();
        backward.add("b", HELD_OUT.subList(2, 4));
        backward.add("a", HELD_OUT.subList(0, 2));

        Suite capped = forward.suite(1);
        assertEquals(3, capped.items().size(), "one of each of QA, IE, GEN");
        assertEquals(capped.items(), backward.suite(1).items());
    }
}
