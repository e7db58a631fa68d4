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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo path end to end: real KRaft broker and registry JVMs, every stage as its own JVM from the
 * packaged modules (run by {@code mvn verify}, after every module's {@code package}).
 */
@Tag("slow")
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
        assertNewestAdapterIsATrainedPeftLoraAdapter(dataDir.resolve("adapters"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new DemoRun(
                ProjectLayout.detect(), System.out).run(new DemoOptions(dataDir, COUNT, 11, Duration.ofMinutes(1), Map.of())));
        assertTrue(refused.getMessage().contains("already holds a finished demo run"), refused.getMessage());
        assertTrue(Files.exists(dataDir.resolve("summary.json")), "the finished run is left intact");
    }

    /**
     * What PEFT's {@code PeftModel.from_pretrained} reads: adapter_config.json with the LORA fields, and
     * adapter_model.safetensors with {@code base_model.model.<module>.lora_A/B.weight}, A [r, in], B [out, r];
     * B starts at zero, so a non-zero B shows the adapter was trained.
     */
    private static void assertNewestAdapterIsATrainedPeftLoraAdapter(Path adapters) throws Exception {
        Path newest;
        try (var versions = Files.list(adapters)) {
            newest = versions.filter(p -> p.getFileName().toString().matches("v\\d+")).max(Path::compareTo).orElseThrow();
        }
        JsonNode config = new ObjectMapper().readTree(newest.resolve("adapter_config.json").toFile());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals("CAUSAL_LM", config.get("task_type").asText());
        int r = config.get("r").asInt();
        assertTrue(r > 0 && config.get("lora_alpha").asDouble() > 0 && config.has("lora_dropout"), config.toString());
        assertTrue(config.get("base_model_name_or_path").asText().length() > 0);
        java.util.Set<String> targets = new java.util.HashSet<>();
        config.get("target_modules").forEach(t -> targets.add(t.asText()));
        assertFalse(targets.isEmpty());

        byte[] file = Files.readAllBytes(newest.resolve("adapter_model.safetensors"));
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buffer.getLong(0);
        JsonNode header = new ObjectMapper().readTree(new String(file, 8, headerLength, StandardCharsets.UTF_8));
        java.util.regex.Pattern key = java.util.regex.Pattern.compile(
                "base_model\\.model\\.model\\.layers\\.\\d+\\.(self_attn|mlp)\\.(\\w+_proj)\\.lora_([AB])\\.weight");
        int tensors = 0;
        double largestB = 0;
        for (var fields = header.fields(); fields.hasNext(); ) {
            var entry = fields.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            var matcher = key.matcher(entry.getKey());
            assertTrue(matcher.matches(), "PEFT key name: " + entry.getKey());
            assertTrue(targets.contains(matcher.group(2)), entry.getKey() + " is a target module");
            JsonNode shape = entry.getValue().get("shape");
            assertEquals("F32", entry.getValue().get("dtype").asText());
            boolean isA = matcher.group(3).equals("A");
            assertEquals(r, shape.get(isA ? 0 : 1).asInt(), entry.getKey() + " shape " + shape);
            if (!isA) {
                long from = 8L + headerLength + entry.getValue().get("data_offsets").get(0).asLong();
                long to = 8L + headerLength + entry.getValue().get("data_offsets").get(1).asLong();
                for (long at = from; at < to; at += 4) {
                    largestB = Math.max(largestB, Math.abs(buffer.getFloat((int) at)));
                }
            }
            tensors++;
        }
        assertTrue(tensors >= 2 * targets.size(), "an A and a B per target module and layer: " + tensors);
        assertTrue(largestB > 0, "lora_B is zero-initialized, so a trained adapter has a non-zero B");
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
