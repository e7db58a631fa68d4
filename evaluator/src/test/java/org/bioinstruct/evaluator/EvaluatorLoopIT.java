package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From AdapterCheckpoint to published EvalMetrics on a real KRaft broker, with the project's tiny model: every
 * version evaluated once, nothing republished after a restart, and only the newest of a backlog evaluated when
 * skipping is on.
 */
class EvaluatorLoopIT {
    @RegisterExtension
    static final EvaluatorFixture fixture = new EvaluatorFixture("mock://evaluator-loop-it");

    @Test
    void evaluatesEachCheckpointOnceAcrossRestartsAndSkipsToTheNewestWhenAsked() throws Exception {
        fixture.publishEvalShard("eval-000001", List.of(
                EvaluatorFixture.line("h1", "Is aspirin an NSAID? Answer yes or no.", "", "Yes", "QA"),
                EvaluatorFixture.line("h2", "Select the statin.", "A. metformin\nB. atorvastatin", "B. atorvastatin",
                        "QA"),
                EvaluatorFixture.line("h3", "Extract the drug names.", "Pt on metformin and aspirin.",
                        "metformin, aspirin", "IE"),
                EvaluatorFixture.line("h4", "Summarize the note.", "Fever and cough for 3 days.",
                        "Three days of fever and cough.", "GEN")), false);
        fixture.publishCheckpoint(1);
        fixture.publishCheckpoint(2);
        Path medNli = Path.of(getClass().getResource("/benchmarks/mednli.jsonl").toURI());
        EvaluatorSettings settings = fixture.settings(6, Map.of("evaluator.benchmark.mednli", medNli.toString()));

        fixture.runUntil(settings, versions -> versions.keySet().containsAll(List.of(1, 2)));
        Map<Integer, List<EvalMetric>> first = fixture.readMetrics();
        assertEquals(List.of(1, 2), List.copyOf(first.keySet()));
        EvalMetric qa = first.get(1).stream().filter(m -> m.getSuite().equals("heldout") && m.getCategory() == Category.QA
                && m.getTask().equals("multiple_choice") && m.getMetric().equals("acc")).findFirst().orElseThrow();
        assertEquals(2, qa.getN());
        assertEquals(List.of("eval-000001"), qa.getEvalShardIds());
        assertTrue(first.get(1).stream().anyMatch(m -> m.getSuite().equals("mednli")));
        for (EvalMetric m : first.get(1)) {
            assertEquals(m.getBaseline() == 0 ? 0 : (m.getValue() - m.getBaseline()) / m.getBaseline(), m.getGain(), 1e-12);
        }
        int perVersion = first.get(1).size();
        assertEquals(perVersion, first.get(2).size());
        // the base model ran once per item: v2 reused v1's baseline
        assertEquals(first.get(1).stream().map(EvalMetric::getBaseline).toList(),
                first.get(2).stream().map(EvalMetric::getBaseline).toList());

        fixture.publishCheckpoint(3);
        fixture.publishCheckpoint(4);
        fixture.publishCheckpoint(5);
        EvaluatorSettings skipping = fixture.settings(6, Map.of("evaluator.benchmark.mednli", medNli.toString(),
                EvaluatorSettings.SKIP_TO_NEWEST, "true"));
        fixture.runUntil(skipping, versions -> versions.containsKey(5));
        Map<Integer, List<EvalMetric>> after = fixture.readMetrics();
        assertEquals(List.of(1, 2, 5), List.copyOf(after.keySet()), "3 and 4 skipped, 1 and 2 not republished");
        after.values().forEach(metrics -> assertEquals(perVersion, metrics.size()));
    }
}
