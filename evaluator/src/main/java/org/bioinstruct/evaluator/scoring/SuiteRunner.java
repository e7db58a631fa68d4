package org.bioinstruct.evaluator.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bioinstruct.evaluator.judge.LlmJudge;
import org.bioinstruct.evaluator.suite.EvalItem;
import org.bioinstruct.evaluator.suite.EvalTask;
import org.bioinstruct.evaluator.suite.Suite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model over a suite's items: options scored by log-likelihood, everything else answered by greedy
 * generation, generation answers rated by the judge when there is one. Items found in the cache are not run
 * again; the model is only opened when an item is missing.
 */
public final class SuiteRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteRunner.class);

    private final int maxNewTokens;
    private final Optional<LlmJudge> judge;
    private int judgeFailures;

    public SuiteRunner(int maxNewTokens, Optional<LlmJudge> judge) {
        this.maxNewTokens = maxNewTokens;
        this.judge = judge;
    }

    public Map<String, ModelOutput> run(Supplier<ModelScorer> scorer, Suite suite, String label,
                                        Function<EvalItem, Optional<ModelOutput>> cached, Consumer<ModelOutput> store) {
        Map<String, ModelOutput> outputs = new LinkedHashMap<>();
        Progress progress = Progress.onStderr(label, suite.items().size());
        for (EvalItem item : suite.items()) {
            ModelOutput output = cached.apply(item).orElse(null);
            if (output == null) {
                output = run(scorer.get(), item);
                store.accept(output);
            } else if (wantsJudge(item) && !output.judged()) {
                output = ModelOutput.generated(item.id(), output.text(), judge(item, output.text()));
                if (output.judged()) {
                    store.accept(output);
                }
            }
            outputs.put(item.id(), output);
            progress.step();
        }
        progress.finish();
        return outputs;
    }

    public int judgeFailures() {
        return judgeFailures;
    }

    private ModelOutput run(ModelScorer scorer, EvalItem item) {
        if (item.task() instanceof EvalTask.MultipleChoice mc) {
            return ModelOutput.choice(item.id(), scorer.logLikelihoods(item.example(), mc.options()));
        }
        String text = scorer.answer(item.example(), maxNewTokens);
        return ModelOutput.generated(item.id(), text, wantsJudge(item) ? judge(item, text) : Double.NaN);
    }

    private boolean wantsJudge(EvalItem item) {
        return judge.isPresent() && item.task() instanceof EvalTask.FreeText free && free.judged();
    }

    private double judge(EvalItem item, String text) {
        try {
            return judge.orElseThrow().score(item.example(), text);
        } catch (LlmJudge.JudgeException e) {
            judgeFailures++;
            LOG.warn("no judge score for {}: {}", item.id(), e.getMessage());
            return Double.NaN;
        }
    }

    /** Outputs for items of a suite, without any cache. */
    public Map<String, ModelOutput> run(ModelScorer scorer, Suite suite, String label) {
        return run(() -> scorer, suite, label, item -> Optional.empty(), output -> { });
    }

}
