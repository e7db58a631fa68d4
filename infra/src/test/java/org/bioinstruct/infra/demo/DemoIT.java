package org.bioinstruct.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bioinstruct.infra.process.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo path end to end: real KRaft broker and registry JVMs, every stage as its own JVM from the
 * packaged modules (run by {@code mvn verify}, after every module's {@code package}).
 */
class DemoIT {
    private static final int COUNT = 160;

    @TempDir
    Path tmp;

    @Test
    void smallDemoFlowsFromGenerationToEvalMetricsAndReconciles() throws Exception {
        Path dataDir = tmp.resolve("run");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DemoSummary summary;
        try (PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            summary = new DemoRun(ProjectLayout.detect(), new PrintStream(new TeeStream(out, System.out), true))
                    .run(new DemoOptions(dataDir, COUNT, 11, Duration.ofMinutes(6), Map.of("shards.size", "24")));
        }

        assertTrue(summary.reconciled(), summary.toString());
        assertEquals(COUNT, summary.generated());
        assertEquals(COUNT, summary.accepted() + summary.rejected() + summary.deadLettered());
        assertTrue(summary.rejected() > 0, "the synthetic backend emits duplicates and rule breakers");
        assertEquals(summary.accepted(), summary.examplesInShards());
        assertTrue(summary.trainShards() >= 2, summary.toString());
        assertEquals(summary.trainShards(), summary.adapterVersions());
        assertTrue(summary.evalMetrics() > 0, summary.toString());
        assertFalse(summary.latestEval().isEmpty());

        JsonNode json = new ObjectMapper().readTree(dataDir.resolve("summary.json").toFile());
        for (String field : new String[] {"generated", "accepted", "rejected", "shards", "examplesInShards",
                "adapterVersions", "evalMetrics", "elapsedSeconds"}) {
            assertTrue(json.has(field), "summary.json lacks " + field);
        }
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("shard-builder"), "progress per stage shown");
        JsonNode audit = new ObjectMapper().readTree(dataDir.resolve("audit.json").toFile());
        assertTrue(audit.get("consistent").asBoolean(), "bioinstruct audit of the finished run: " + audit);
        assertEquals(COUNT, audit.get("counts").get("generated").asInt());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new DemoRun(
                ProjectLayout.detect(), System.out).run(new DemoOptions(dataDir, COUNT, 11, Duration.ofMinutes(1), Map.of())));
        assertTrue(refused.getMessage().contains("already holds a finished demo run"), refused.getMessage());
        assertTrue(Files.exists(dataDir.resolve("summary.json")), "the finished run is left intact");
    }

    /** Shows progress in the build log while capturing it for assertions. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
