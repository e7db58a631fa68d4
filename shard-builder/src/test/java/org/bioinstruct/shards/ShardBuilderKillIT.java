package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded job in its own JVM against a real broker, killed with SIGKILL mid-stream and started again:
 * the new process resumes from the newest retained checkpoint by itself, and in the end every accepted
 * example is in exactly one committed shard, with no manifest without its file and no file without its
 * manifest. The shards are gzipped JSONL here, to cover a non-default format end to end.
 */
@Tag("slow")
class ShardBuilderKillIT {
    private static final int PER_PHASE = 3_000;
    private static final String REGISTRY = "mock://shard-builder-kill-it";

    @RegisterExtension
    static final ShardBuilderJobFixture fixture = new ShardBuilderJobFixture(REGISTRY);

    @Test
    @Timeout(150)
    void everyAcceptedExampleIsInExactlyOneCommittedShardAfterSigkillAndRestart() throws Exception {
        TestTopics topics = fixture.topics();
        Map<String, String> settings = fixture.settings(Map.of(
                "shards.size", "40", "shards.max.age.ms", "300", "shards.compression", "gzip",
                "shards.checkpoint.interval.ms", "500", "shards.parallelism", "2"));
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(settings));

        List<String> ids = new ArrayList<>();
        Process first;
        Process second;
        try (KafkaProducer<String, AcceptedInstruction> producer = topics.producer()) {
            ids.addAll(topics.produce(producer, "inst", 0, PER_PHASE));
            first = fork(settings, "first");
            fixture.awaitCommitted(1, Duration.ofSeconds(60));
            CompletableFuture<List<String>> phase2 = CompletableFuture.supplyAsync(() -> produceSlowly(topics,
                    producer));
            fixture.awaitCommitted(PER_PHASE + PER_PHASE / 3, Duration.ofSeconds(60));
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int committedAtKill = topics.committedManifests().stream().mapToInt(ShardManifest::getRecordCount).sum();
            System.out.println("[kill IT] SIGKILL with " + committedAtKill + " records committed; restore point "
                    + RetainedCheckpoints.newest(config.localCheckpointDir().orElseThrow()).map(Path::toString)
                    .orElse("none"));
            assertEquals(137, first.exitValue(), "killed by SIGKILL");
            second = fork(settings, "second");
            ids.addAll(phase2.get(60, TimeUnit.SECONDS));
        }
        List<ShardManifest> manifests = fixture.awaitCommitted(ids.size(),
                Duration.ofSeconds(60));
        CompletedCheckpoints.awaitTwoMore(config.localCheckpointDir().orElseThrow(), Duration.ofSeconds(30));
        second.destroy();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the job with a savepoint");

        assertTrue(log("second").contains("restored from " + fixture.dataDir().resolve("flink-checkpoints")),
                "the second process resumed from a retained checkpoint:\n" + tail("second"));
        List<ShardManifest> finalManifests = topics.committedManifests();
        ExactlyOnceAudit.Counts counts =
                ExactlyOnceAudit.check(ids, finalManifests, Path.of(URI.create(config.storeUri())));
        assertTrue(finalManifests.stream().allMatch(m -> m.getFormat().equals("jsonl.gz")));
        long orphans = log("second").lines().filter(line -> line.contains("deleted orphaned")).count();
        System.out.println("[kill IT] exactly-once audit: " + counts + "; orphaned files deleted on restart "
                + orphans);
    }

    private static List<String> produceSlowly(TestTopics topics, KafkaProducer<String, AcceptedInstruction> producer) {
        List<String> ids = new ArrayList<>();
        try {
            for (int from = PER_PHASE; from < 2 * PER_PHASE; from += 100) {
                ids.addAll(topics.produce(producer, "inst", from, from + 100));
                Thread.sleep(80);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static Process fork(Map<String, String> settings, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), ForkedShardBuilder.class.getName()));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(fixture.dir().resolve(name + ".log").toFile()).start();
    }

    private static String log(String name) throws IOException {
        return Files.readString(fixture.dir().resolve(name + ".log"));
    }

    private static String tail(String name) throws IOException {
        List<String> lines = log(name).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

}
