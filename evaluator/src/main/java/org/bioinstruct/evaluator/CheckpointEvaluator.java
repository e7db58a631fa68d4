package org.bioinstruct.evaluator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.trainer.model.BaseModel;
import org.bioinstruct.trainer.model.Example;
import org.bioinstruct.trainer.model.LanguageModel;
import org.bioinstruct.trainer.model.LoraAdapter;
import org.bioinstruct.trainer.model.PromptFormat;

/**
 * Scores an adapter on held-out examples: greedy generation, ROUGE-L F1 against the reference output, per
 * category and over all, next to the same score of the untuned base model (cached per example).
 */
public final class CheckpointEvaluator implements AutoCloseable {
    public static final String SUITE = "heldout";
    public static final String TASK = "generation";
    public static final String METRIC = "rougeL";

    private final BaseModel base;
    private final int maxNewTokens;
    private final Map<String, Double> baselineScores = new HashMap<>();
    private LanguageModel baseModel;

    public CheckpointEvaluator(BaseModel base, int maxNewTokens) {
        this.base = base;
        this.maxNewTokens = maxNewTokens;
    }

    public List<EvalMetric> evaluate(int adapterVersion, String runId, LoraAdapter adapter, HeldOutSet.EvalSet set) {
        if (set.examples().isEmpty()) {
            throw new IllegalArgumentException("no held-out examples to evaluate on");
        }
        Map<String, Double> tuned = new HashMap<>();
        try (LanguageModel model = LanguageModel.withAdapter(base, adapter)) {
            for (Example e : set.examples()) {
                tuned.put(e.id(), score(model, e));
            }
        }
        for (Example e : set.examples()) {
            baselineScores.computeIfAbsent(e.id(), id -> score(baseModel(), e));
        }
        Map<Category, List<Example>> byCategory = new TreeMap<>();
        set.examples().forEach(e -> byCategory.computeIfAbsent(e.category(), c -> new ArrayList<>()).add(e));
        List<EvalMetric> metrics = new ArrayList<>();
        Instant now = Instant.now();
        byCategory.forEach((category, examples) ->
                metrics.add(metric(adapterVersion, runId, category, TASK, examples, tuned, set, now)));
        // A null category marks the figure over every category.
        metrics.add(metric(adapterVersion, runId, null, TASK, set.examples(), tuned, set, now));
        return metrics;
    }

    /** Greedy answer of a model to an example's prompt. */
    public String answer(LanguageModel model, Example example) {
        return model.generate(PromptFormat.prompt(example), maxNewTokens);
    }

    private double score(LanguageModel model, Example example) {
        return RougeL.f1(answer(model, example), example.output());
    }

    private LanguageModel baseModel() {
        if (baseModel == null) {
            baseModel = LanguageModel.create(base);
        }
        return baseModel;
    }

    private EvalMetric metric(int version, String runId, Category category, String task, List<Example> examples,
                              Map<String, Double> tuned, HeldOutSet.EvalSet set, Instant now) {
        double value = examples.stream().mapToDouble(e -> tuned.get(e.id())).average().orElse(0);
        double baseline = examples.stream().mapToDouble(e -> baselineScores.get(e.id())).average().orElse(0);
        return EvalMetric.newBuilder()
                .setAdapterVersion(version)
                .setRunId(runId)
                .setSuite(SUITE)
                .setTask(task)
                .setCategory(category)
                .setMetric(METRIC)
                .setValue(value)
                .setBaseline(baseline)
                .setGain(baseline == 0 ? 0 : (value - baseline) / baseline)
                .setN(examples.size())
                .setEvalShardIds(set.shardIds())
                .setTimestamp(now)
                .build();
    }

    @Override
    public void close() {
        if (baseModel != null) {
            baseModel.close();
        }
    }
}
