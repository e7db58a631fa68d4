package org.bioinstruct.infra.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndToEndResultTest {
    private static final long GENERATED = 1_000;
    private static final long BASELINE_RECORDS = 200_000;

    @Test
    void chargesEveryPipelineProcessPerGeneratedRecordAndEachToolPerRecordItMoved() {
        List<String> lines = result().markdown().lines().toList();

        assertTableRows(lines,
                "| generator | 1.00 | 1,000 | 1,000.0 |",
                "| filter | 2.50 | 1,000 | 2,500.0 |",
                "| shard-builder | 0.50 | 1,000 | 500.0 |",
                "| broker (during the pipeline) | 0.75 | 1,000 | 750.0 |",
                "| schema-registry | 0.25 | 1,000 | 250.0 |",
                "| **pipeline total** | 5.00 | 1,000 | 5,000.0 |",
                "| producer-performance (its JVM) | 3.00 | 200,000 | 15.0 |",
                "| broker during ProducerPerformance | 1.00 | 200,000 | 5.0 |",
                "| **ProducerPerformance total** | 4.00 | 200,000 | 20.0 |",
                "| consumer-performance (its JVM) | 2.00 | 200,000 | 10.0 |",
                "| broker during ConsumerPerformance | 0.40 | 200,000 | 2.0 |",
                "| **ConsumerPerformance total** | 2.40 | 200,000 | 12.0 |");
    }

    @Test
    void reportsTheLatencyOfTheRunsSecondHalfBesideTheWholeRuns() {
        assertTableRows(result().markdown().lines().toList(),
                "| generated -> accepted (acceptedAt - createdAt) | 10 ms | 20 ms | 30 ms | 1,000 |",
                "| generated -> accepted, tasks generated in the run's second half (past the stages' start-up) "
                        + "| 8 ms | 12 ms | 15 ms | 500 |",
                "| accepted -> shard (manifest visible to read_committed - acceptedAt) | 100 ms | 200 ms | 300 ms | 900 |");
    }

    @Test
    void boundsTheEndToEndRateByTheCoresOverThePipelinesCpuPerRecord() {
        EndToEndResult result = result();
        String md = result.markdown();

        assertEquals(400, result.cpuBoundRate(), 1e-9);
        assertTrue(md.contains("CPU bound on this machine: 2 cores / 5,000.0 \u00b5s total pipeline CPU per record = "
                + "400 records/s end to end at most, = 0.008 of ProducerPerformance's rate (50,000 records/s)"), md);
        assertTrue(md.contains("ProducerPerformance: 20.0 \u00b5s CPU per record (its JVM + broker); "
                + "ProducerPerformance / pipeline CPU per record = 0.004, "), md);
    }

    private static void assertTableRows(List<String> lines, String... rows) {
        int previous = -1;
        for (String row : rows) {
            int at = lines.indexOf(row);
            assertTrue(at > previous, "row missing or out of order: " + row + "\n" + String.join("\n", lines));
            previous = at;
        }
        assertEquals(previous, lines.indexOf(rows[0]) + rows.length - 1, "rows follow one another");
    }

    private static EndToEndResult result() {
        Map<String, Double> pipeline = new LinkedHashMap<>();
        pipeline.put("generator", 1.0);
        pipeline.put("filter", 2.5);
        pipeline.put("shard-builder", 0.5);
        pipeline.put("broker (during the pipeline)", 0.75);
        pipeline.put("schema-registry", 0.25);
        EndToEndResult.Flow flow = new EndToEndResult.Flow(GENERATED, 2.0, 900, 100, 0, 2.5, 900, 4, 3.0, 4.0,
                new long[] {10, 20, 30, 1000}, new long[] {8, 12, 15, 500}, new long[] {100, 200, 300, 900},
                0, 0, 0, 1, 0, 0, 1);
        KafkaPerformance.Rates kafka = new KafkaPerformance.Rates(
                new KafkaPerformance.Tool(50_000, 300, 3.0, 1.0), new KafkaPerformance.Tool(100_000, 250, 2.0, 0.4));
        return new EndToEndResult(GENERATED, BASELINE_RECORDS, false, 600, 900, flow, kafka,
                Map.of("broker", new long[] {500, 400, 450, 480, 490, 30}), new EndToEndResult.Cpu(2, pipeline), 30);
    }
}
