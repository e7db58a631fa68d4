package org.bioinstruct.generator.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;

/**
 * Replays the filter's rules on generated tasks in order: Self-Instruct validation, exact dedup, then the
 * ROUGE-L near-duplicate rule against every task accepted before. Also says what each task was meant to
 * be: a rule breaker, an exact repeat, a rewording of an earlier task (same input and output, another
 * instruction) or a clean task.
 */
final class FilterReplay {
    static final double ROUGE_L_THRESHOLD = 0.7;

    enum Kind { RULE_BREAKER, EXACT_DUPLICATE, NEAR_DUPLICATE, CLEAN }

    /** One task's fate; {@code nearest} is the accepted task it was too similar to, if any. */
    record Outcome(CandidateTask task, Kind kind, boolean accepted, double similarity, String nearest) {
    }

    private FilterReplay() {
    }

    static List<Outcome> replay(List<CandidateTask> tasks) {
        RougeLIndex index = new RougeLIndex(ROUGE_L_THRESHOLD);
        Set<String> seenContent = new HashSet<>();
        Map<String, String> instructionBySubstance = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(tasks.size());
        for (CandidateTask task : tasks) {
            Kind kind = kind(task, seenContent, instructionBySubstance);
            if (kind == Kind.RULE_BREAKER || kind == Kind.EXACT_DUPLICATE) {
                outcomes.add(new Outcome(task, kind, false, 1, null));
                continue;
            }
            RougeLIndex.Verdict verdict = index.offer(task.instruction() + " " + task.input());
            String nearest = verdict.admitted() ? null : index.text(verdict.nearestIndex());
            outcomes.add(new Outcome(task, kind, verdict.admitted(), verdict.similarity(), nearest));
        }
        return outcomes;
    }

    private static Kind kind(CandidateTask task, Set<String> seenContent, Map<String, String> instructionBySubstance) {
        if (SelfInstructRules.breaksARule(task)) {
            return Kind.RULE_BREAKER;
        }
        if (!seenContent.add(ContentKey.of(task.instruction(), task.input()))) {
            return Kind.EXACT_DUPLICATE;
        }
        String earlier = instructionBySubstance.putIfAbsent(task.input() + "\u0000" + task.output(), task.instruction());
        return earlier != null && !earlier.equals(task.instruction()) ? Kind.NEAR_DUPLICATE : Kind.CLEAN;
    }
}
