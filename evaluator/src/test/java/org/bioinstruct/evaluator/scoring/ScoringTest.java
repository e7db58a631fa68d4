package org.bioinstruct.evaluator.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bioinstruct.evaluator.suite.EvalItem;
import org.bioinstruct.evaluator.suite.TaskClassifier;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;
import org.junit.jupiter.api.Test;

/** Item scores and their aggregation, from fixed model outputs worked out by hand. */
class ScoringTest {
    static EvalItem item(String id, Category category, String input, String output) {
        Example e = new Example(id, "instruction", input, output, category, "test");
        return new EvalItem(e, TaskClassifier.classify(e));
    }

    static final List<EvalItem> ITEMS = List.of(
            item("mc1", Category.QA, "A. aspirin\nB. metformin", "B. metformin"),
            item("mc2", Category.QA, "A. aspirin\nB. metformin", "A. aspirin"),
            item("sa1", Category.QA, "", "TP53"),
            item("ie1", Category.IE, "", "metformin, aspirin"),
            item("ie2", Category.IE, "", "warfarin"),
            item("gen1", Category.GEN, "", "the cat sat"));

    static Map<String, ModelOutput> tuned() {
        Map<String, ModelOutput> out = new HashMap<>();
        // mc1: raw picks A (-3 > -4); per byte: A "A. aspirin" 10 B -> -0.3, B "B. metformin" 12 B -> -0.333: A again
        out.put("mc1", ModelOutput.choice("mc1", new double[] {-3.0, -4.0}));
        // mc2: raw picks A; acc = 1
        out.put("mc2", ModelOutput.choice("mc2", new double[] {-1.0, -9.0}));
        out.put("sa1", ModelOutput.generated("sa1", "tp53.", Double.NaN));
        out.put("ie1", ModelOutput.generated("ie1", "metformin, ibuprofen", Double.NaN)); // tp1 fp1 fn1
        out.put("ie2", ModelOutput.generated("ie2", "warfarin", Double.NaN)); // tp1
        out.put("gen1", ModelOutput.generated("gen1", "the cat", 6.0)); // P 1, R 2/3 -> 0.8
        return out;
    }

    static Map<String, ModelOutput> base() {
        Map<String, ModelOutput> out = new HashMap<>();
        out.put("mc1", ModelOutput.choice("mc1", new double[] {-5.0, -4.0})); // right
        out.put("mc2", ModelOutput.choice("mc2", new double[] {-9.0, -1.0})); // wrong
        out.put("sa1", ModelOutput.generated("sa1", "BRCA1", Double.NaN));
        out.put("ie1", ModelOutput.generated("ie1", "None", Double.NaN)); // fn2
        out.put("ie2", ModelOutput.generated("ie2", "warfarin, heparin", Double.NaN)); // tp1 fp1
        out.put("gen1", ModelOutput.generated("gen1", "a dog", 2.0)); // 0
        return out;
    }

    static Map<String, ItemScore> score(Map<String, ModelOutput> outputs) {
        return ITEMS.stream().collect(Collectors.toMap(EvalItem::id, i -> ItemScorer.score(i, outputs.get(i.id()))));
    }

    @Test
    void aggregatesPerTaskPerCategoryAndOverall() {
        Map<String, MetricValue> byKey = MetricAggregator.aggregate(ITEMS, score(tuned()), score(base())).stream()
                .collect(Collectors.toMap(v -> v.category() + "/" + v.task() + "/" + v.metric(), v -> v));

        assertValue(byKey.get("QA/multiple_choice/acc"), 0.5, 0.5, 2);
        assertValue(byKey.get("QA/multiple_choice/acc_norm"), 0.5, 0.5, 2);
        assertValue(byKey.get("QA/short_answer/exact_match"), 1.0, 0.0, 1);
        // IE micro: tuned tp2 fp1 fn1 -> P R F1 = 2/3; base tp1 fp1 fn2 -> P 1/2, R 1/3, F1 0.4
        assertValue(byKey.get("IE/entities/precision"), 2.0 / 3, 0.5, 2);
        assertValue(byKey.get("IE/entities/recall"), 2.0 / 3, 1.0 / 3, 2);
        assertValue(byKey.get("IE/entities/f1"), 2.0 / 3, 0.4, 2);
        assertValue(byKey.get("GEN/generation/rougeL"), 0.8, 0.0, 1);
        assertValue(byKey.get("GEN/generation/llm_judge"), 6.0, 2.0, 1);
        // category scores: mean of per-item primaries. QA tuned (0 + 1 + 1)/3, base (1 + 0 + 0)/3
        assertValue(byKey.get("QA/all/score"), 2.0 / 3, 1.0 / 3, 3);
        // IE per-example F1: tuned ie1 0.5, ie2 1 -> 0.75; base ie1 0, ie2 2/3 -> 1/3
        assertValue(byKey.get("IE/all/score"), 0.75, 1.0 / 3, 2);
        assertValue(byKey.get("null/all/score"), (2.0 + 1.5 + 0.8) / 6, (1.0 + 2.0 / 3) / 6, 6);
        assertEquals(1.0, byKey.get("QA/all/score").gain(), 1e-12);
        assertEquals(0.0, byKey.get("QA/short_answer/exact_match").gain(), "baseline 0: gain 0 as the schema defines");
        assertEquals(12, byKey.size());
    }

    private static void assertValue(MetricValue v, double value, double baseline, int n) {
        assertEquals(value, v.value(), 1e-12, v.toString());
        assertEquals(baseline, v.baseline(), 1e-12, v.toString());
        assertEquals(n, v.n(), v.toString());
    }
}
