package org.bioinstruct.evaluator.scoring;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.evaluator.metrics.BioChunks;
import org.bioinstruct.evaluator.metrics.ExactMatch;
import org.bioinstruct.evaluator.metrics.MultipleChoice;
import org.bioinstruct.evaluator.metrics.Prf;
import org.bioinstruct.evaluator.metrics.SetMatch;
import org.bioinstruct.evaluator.suite.AnswerFormats;
import org.bioinstruct.evaluator.suite.EvalItem;
import org.bioinstruct.evaluator.suite.EvalTask;
import org.bioinstruct.schemas.text.RougeL;

/** Scores a model's output for one item according to the item's task. */
public final class ItemScorer {
    public static final String ACC = "acc";
    public static final String ACC_NORM = "acc_norm";
    public static final String EXACT_MATCH = "exact_match";
    public static final String ROUGE_L = "rougeL";
    public static final String JUDGE = "llm_judge";

    private ItemScorer() {
    }

    public static ItemScore score(EvalItem item, ModelOutput output) {
        EvalTask task = item.task();
        if (task instanceof EvalTask.MultipleChoice mc) {
            double acc = MultipleChoice.choice(output.logLikelihoods()) == mc.gold() ? 1 : 0;
            double accNorm = MultipleChoice.normalizedChoice(output.logLikelihoods(), mc.options()) == mc.gold() ? 1 : 0;
            return new ItemScore(Map.of(ACC, acc, ACC_NORM, accNorm), null, acc);
        }
        if (task instanceof EvalTask.ShortAnswer sa) {
            double em = ExactMatch.matches(output.text(), sa.answer()) ? 1 : 0;
            return new ItemScore(Map.of(EXACT_MATCH, em), null, em);
        }
        if (task instanceof EvalTask.ItemSet set) {
            Prf counts = SetMatch.count(AnswerFormats.items(output.text()), Set.copyOf(set.gold()));
            return new ItemScore(Map.of(), counts, counts.exampleScore());
        }
        if (task instanceof EvalTask.BioTagging tagging) {
            Prf counts = BioChunks.count(AnswerFormats.tagsOfTagLines(output.text()), tagging.gold());
            return new ItemScore(Map.of(), counts, counts.exampleScore());
        }
        EvalTask.FreeText free = (EvalTask.FreeText) task;
        double rouge = RougeL.fMeasure(output.text(), free.reference());
        Map<String, Double> means = new HashMap<>(Map.of(ROUGE_L, rouge));
        if (free.judged() && output.judged()) {
            means.put(JUDGE, output.judgeScore());
        }
        return new ItemScore(means, null, rouge);
    }
}
