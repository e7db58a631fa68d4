package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input for the evaluator on a real KRaft broker: an EVAL manifest whose file is missing and checkpoints
 * whose adapter is truncated or has a garbage config go to the DLQ with the reason in headers; the gzipped EVAL
 * shard is used and the intact checkpoint after the corrupt ones is evaluated. A restart re-reads every EVAL
 * manifest but dead-letters none of them a second time.
 */
class EvaluatorBadInputIT {
    static final TopicCatalogue TOPICS = EvaluatorFixture.TOPICS;

    @RegisterExtension
    static final EvaluatorFixture fixture = new EvaluatorFixture("mock://evaluator-bad-input-it");

    @Test
    void deadLettersAMissingEvalShardAndCorruptAdaptersOnceAndEvaluatesTheNextCheckpoint() throws Exception {
        Path missing = fixture.dir().resolve("shards/eval-000001.jsonl");
        fixture.publishEvalManifest("eval-000001", missing, "0".repeat(64), "jsonl", 3, 1);
        fixture.publishEvalShard("eval-000002", List.of(
                EvaluatorFixture.line("h1", "Is aspirin an NSAID? Answer yes or no.", "", "Yes", "QA"),
                EvaluatorFixture.line("h2", "Extract the drug names.", "Pt on metformin and aspirin.",
                        "metformin, aspirin", "IE"),
                EvaluatorFixture.line("h3", "Summarize the note.", "Fever and cough for 3 days.",
                        "Three days of fever and cough.", "GEN")), true);
        Path truncated = fixture.publishCheckpoint(1);
        byte[] weights = Files.readAllBytes(truncated.resolve(LoraAdapter.WEIGHTS_FILE));
        Files.write(truncated.resolve(LoraAdapter.WEIGHTS_FILE), Arrays.copyOf(weights, weights.length - 100));
        Path garbage = fixture.publishCheckpoint(2);
        Files.writeString(garbage.resolve(LoraAdapter.CONFIG_FILE), "\u0000\u0001 not json");
        fixture.publishCheckpoint(3);
        EvaluatorSettings settings = fixture.settings(4, Map.of());

        fixture.runUntil(settings, versions -> versions.containsKey(3));

        Map<Integer, List<EvalMetric>> metrics = fixture.readMetrics();
        assertEquals(List.of(3), List.copyOf(metrics.keySet()), "the corrupt versions 1 and 2 have no metrics");
        assertTrue(metrics.get(3).stream().allMatch(m -> m.getEvalShardIds().equals(List.of("eval-000002"))),
                "the gzipped shard is the held-out set");
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.kafka().readToEnd(TOPICS.dlq().name());
        assertEquals(List.of("eval-000001", "1", "2"), dead.stream().map(EvaluatorBadInputIT::key).toList());
        assertTrue(header(dead.get(0), DlqHeaders.ERROR_MESSAGE).startsWith(
                "unusable EVAL shard: cannot read shard file " + missing), header(dead.get(0), DlqHeaders.ERROR_MESSAGE));
        assertEquals(ShardFile.ShardFileException.class.getName(), header(dead.get(0), DlqHeaders.ERROR_CLASS));
        assertEquals(TOPICS.shardsReady().name(), header(dead.get(0), DlqHeaders.SOURCE_TOPIC));
        assertEquals("0", header(dead.get(0), DlqHeaders.SOURCE_OFFSET));
        assertTrue(header(dead.get(1), DlqHeaders.ERROR_MESSAGE).contains(LoraAdapter.WEIGHTS_FILE),
                header(dead.get(1), DlqHeaders.ERROR_MESSAGE));
        assertTrue(header(dead.get(2), DlqHeaders.ERROR_MESSAGE).startsWith("cannot evaluate adapter "
                + garbage.toUri()), header(dead.get(2), DlqHeaders.ERROR_MESSAGE));
        assertTrue(header(dead.get(2), DlqHeaders.ERROR_MESSAGE).contains(LoraAdapter.CONFIG_FILE + ": not valid JSON"),
                header(dead.get(2), DlqHeaders.ERROR_MESSAGE));
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            assertEquals("evaluator", header(r, DlqHeaders.STAGE));
        }
        assertEquals(List.of("0", "1"), dead.subList(1, 3).stream().map(r -> header(r, DlqHeaders.SOURCE_OFFSET)).toList());

        fixture.publishCheckpoint(4);
        fixture.runUntil(settings, versions -> versions.containsKey(4));

        assertEquals(List.of(3, 4), List.copyOf(fixture.readMetrics().keySet()));
        assertEquals(List.of("eval-000001", "1", "2"), fixture.kafka().readToEnd(TOPICS.dlq().name()).stream()
                .map(EvaluatorBadInputIT::key).toList(), "the restart dead-lettered nothing again");
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DlqHeaders.value(record.headers(), name).orElseThrow();
    }
}
