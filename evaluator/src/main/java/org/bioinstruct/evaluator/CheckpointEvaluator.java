package org.bioinstruct.evaluator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.evaluator.judge.LlmJudge;
import org.bioinstruct.evaluator.scoring.BaselineCache;
import org.bioinstruct.evaluator.scoring.ItemScore;
import org.bioinstruct.evaluator.scoring.ItemScorer;
import org.bioinstruct.evaluator.scoring.MetricAggregator;
import org.bioinstruct.evaluator.scoring.MetricValue;
import org.bioinstruct.evaluator.scoring.ModelOutput;
import org.bioinstruct.evaluator.scoring.ModelScorer;
import org.bioinstruct.evaluator.scoring.SuiteRunner;
import org.bioinstruct.evaluator.suite.EvalItem;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.schemas.avro.EvalMetric;

/**
 * Evaluates an adapter version on every suite next to the base model without adapter. The base model's outputs
 * come from the baseline cache, so it runs once per item and suite, however many versions are evaluated and
 * however often the evaluator restarts.
 */
public final class CheckpointEvaluator implements AutoCloseable {
    private final BaseModel base;
    private final BaselineCache baseline;
    private final SuiteRunner runner;
    private ModelScorer baseScorer;

    public CheckpointEvaluator(BaseModel base, BaselineCache baseline, int maxNewTokens, Optional<LlmJudge> judge) {
        this.base = base;
        this.baseline = baseline;
        this.runner = new SuiteRunner(maxNewTokens, judge);
    }

    public List<EvalMetric> evaluate(int adapterVersion, String runId, LoraAdapter adapter, List<Suite> suites) {
        List<EvalMetric> metrics = new ArrayList<>();
        Instant now = Instant.now();
        try (ModelScorer tuned = ModelScorer.tuned(base, adapter)) {
            for (Suite suite : suites) {
                if (suite.items().isEmpty()) {
                    continue;
                }
                Map<String, ModelOutput> tunedOut = runner.run(tuned, suite, "v" + adapterVersion + " " + suite.name());
                Map<String, ModelOutput> baseOut = baselineOutputs(suite);
                for (MetricValue v : MetricAggregator.aggregate(suite.items(), scores(suite, tunedOut),
                        scores(suite, baseOut))) {
                    metrics.add(metric(adapterVersion, runId, suite, v, now));
                }
            }
        }
        return metrics;
    }

    /** The base model's outputs on a suite, from the cache where present. */
    public Map<String, ModelOutput> baselineOutputs(Suite suite) {
        return runner.run(this::baseScorer, suite, "base " + suite.name(),
                item -> baseline.get(suite.name(), item.id()), output -> baseline.put(suite.name(), output));
    }

    private static Map<String, ItemScore> scores(Suite suite, Map<String, ModelOutput> outputs) {
        Map<String, ItemScore> out = new LinkedHashMap<>();
        for (EvalItem item : suite.items()) {
            out.put(item.id(), ItemScorer.score(item, outputs.get(item.id())));
        }
        return out;
    }

    private ModelScorer baseScorer() {
        if (baseScorer == null) {
            baseScorer = ModelScorer.base(base);
        }
        return baseScorer;
    }

    private static EvalMetric metric(int version, String runId, Suite suite, MetricValue v, Instant now) {
        return EvalMetric.newBuilder()
                .setAdapterVersion(version)
                .setRunId(runId)
                .setSuite(suite.name())
                .setTask(v.task())
                .setCategory(v.category())
                .setMetric(v.metric())
                .setValue(v.value())
                .setBaseline(v.baseline())
                .setGain(v.gain())
                .setN(v.n())
                .setEvalShardIds(suite.shardIds())
                .setTimestamp(now)
                .build();
    }

    @Override
    public void close() {
        if (baseScorer != null) {
            baseScorer.close();
        }
    }
}
