package org.bioinstruct.infra.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.junit.jupiter.api.Test;

class EvalReportTest {
    static EvalMetric m(int version, String suite, Category category, String task, String metric, double value, double base) {
        return EvalMetric.newBuilder().setAdapterVersion(version).setRunId("r1").setSuite(suite).setTask(task)
                .setCategory(category).setMetric(metric).setValue(value).setBaseline(base)
                .setGain(base == 0 ? 0 : (value - base) / base).setN(8).setTimestamp(Instant.EPOCH).build();
    }

    @Test
    void tablesTheNewestVersionCategoryByMetricWithBaseTunedAndGain() {
        List<EvalMetric> metrics = List.of(
                m(1, "heldout", Category.QA, "all", "score", 0.9, 0.5),
                m(2, "pubmedqa", Category.QA, "multiple_choice", "acc", 0.5, 0.25),
                m(2, "heldout", Category.IE, "all", "score", 0.3, 0.2),
                m(2, "heldout", Category.QA, "all", "score", 0.6, 0.5),
                m(2, "heldout", null, "all", "score", 0.45, 0.35),
                m(2, "heldout", Category.QA, "all", "score", 0.65, 0.5));
        EvalReport report = EvalReport.newest(metrics).orElseThrow();
        assertEquals(2, report.version());
        assertEquals("""
                # Evaluation report: adapter v2 (run r1)

                ## Score per category (held-out suite)

                | category | base | tuned | gain | n |
                |---|---:|---:|---:|---:|
                | QA | 0.5000 | 0.6500 | +30.0% | 8 |
                | IE | 0.2000 | 0.3000 | +50.0% | 8 |
                | ALL | 0.3500 | 0.4500 | +28.6% | 8 |

                ## Every figure

                | suite | category | task | metric | base | tuned | gain | n |
                |---|---|---|---|---:|---:|---:|---:|
                | heldout | QA | all | score | 0.5000 | 0.6500 | +30.0% | 8 |
                | heldout | IE | all | score | 0.2000 | 0.3000 | +50.0% | 8 |
                | heldout | ALL | all | score | 0.3500 | 0.4500 | +28.6% | 8 |
                | pubmedqa | QA | multiple_choice | acc | 0.2500 | 0.5000 | +100.0% | 8 |
                """, report.markdown());
        String html = report.html();
        assertTrue(html.contains("<tr><td>QA</td><td class=\"n\">0.5000</td><td class=\"n\">0.6500</td>"
                + "<td class=\"n\">+30.0%</td><td class=\"n\">8</td></tr>"), html);
    }

    @Test
    void noMetricsNoReport() {
        assertTrue(EvalReport.newest(List.of()).isEmpty());
    }
}
