package org.bioinstruct.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.ShardRef;
import org.bioinstruct.trainer.training.TestShards;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer stage ({@link TrainerMain}) in its own JVM against a real broker, killed with SIGKILL the moment
 * its third adapter version appears on disk (so usually before that version's transaction commits) and
 * started again. Audited from what was committed and what is on disk: every train shard is trained into
 * exactly one version, every version's checkpoint is committed exactly once, in shard order, and the
 * committed metrics of each shard are those of a single training.
 */
@Tag("slow")
class TrainerKillIT {
    private static final String REGISTRY = "mock://trainer-kill-it";
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", REGISTRY);
    private static final int SHARDS = 6;
    private static final int STEPS_PER_SHARD = 8;

    @TempDir
    Path dir;

    @Test
    void sigkillAndRestartTrainNoShardTwiceAndLoseNoCheckpoint() throws Exception {
        ForkedTrainer.registerSchemas(REGISTRY, TOPICS);
        try (SingleNodeKafka kafka = SingleNodeKafka.start()) {
            kafka.createTopics(TOPICS.shardsReady(), TOPICS.checkpoints(), TOPICS.trainingMetrics(), TOPICS.dlq());
            Path dataDir = dir.resolve("data");
            BaseModels.createOrLoad(dataDir.resolve("models/base"), 7);
            List<String> shardIds = produceShards(kafka, dataDir);
            String[] args = {"bootstrap.servers=" + kafka.bootstrapServers(), "schema.registry.url=" + REGISTRY,
                    "data.dir=" + dataDir, "trainer.poll.ms=50", "trainer.metrics.every=1",
                    "trainer.batch.size=4", "trainer.epochs=2"};

            Process first = fork(args, dir.resolve("first.log"));
            Path third = dataDir.resolve("adapters").resolve(AdapterStore.dirName(3));
            awaitPath(third, first, Duration.ofSeconds(120));
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertEquals(137, first.exitValue(), "killed by SIGKILL");
            int committedAtKill = checkpoints(kafka, 0, Duration.ofSeconds(3)).size();
            System.out.println("[trainer kill IT] SIGKILL with v3 on disk and " + committedAtKill
                    + " checkpoints committed");

            Process second = fork(args, dir.resolve("second.log"));
            List<AdapterCheckpoint> checkpoints;
            try {
                checkpoints = checkpoints(kafka, SHARDS, Duration.ofSeconds(180));
            } finally {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
            }

            assertEquals(IntStream.rangeClosed(1, SHARDS).boxed().toList(),
                    checkpoints.stream().map(AdapterCheckpoint::getAdapterVersion).toList(), log(dir));
            assertEquals(shardIds.stream().map(List::of).toList(),
                    checkpoints.stream().map(AdapterCheckpoint::getNewShardIds).toList());
            assertEquals(shardIds, checkpoints.get(SHARDS - 1).getShardIds());
            try (var versions = Files.list(dataDir.resolve("adapters"))) {
                assertEquals(IntStream.rangeClosed(1, SHARDS).mapToObj(AdapterStore::dirName).toList(),
                        versions.map(p -> p.getFileName().toString()).sorted().toList());
            }
            Map<String, List<Long>> steps = metricSteps(kafka);
            assertEquals(shardIds, List.copyOf(steps.keySet()));
            steps.forEach((shard, global) -> {
                assertEquals(STEPS_PER_SHARD, global.size(), shard + ": steps of one training, " + global);
                assertEquals(global.stream().distinct().toList(), global);
            });
        }
    }

    private List<String> produceShards(SingleNodeKafka kafka, Path dataDir) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= SHARDS; i++) {
            ShardRef shard = TestShards.write(dataDir.resolve("shards"), String.format("train-%06d", i),
                    TestShards.examples("s" + i, 16));
            Path file = Path.of(java.net.URI.create(shard.uri()));
            ShardManifest manifest = ShardManifest.newBuilder().setShardId(shard.id()).setUri(shard.uri())
                    .setSplit(Split.TRAIN).setRecordCount(16).setSha256(shard.sha256())
                    .setByteSize(Files.size(file)).setCreatedAt(Instant.now()).build();
            kafka.send(TOPICS.shardsReady(), SERDE, shard.id(), manifest);
            ids.add(shard.id());
        }
        return ids;
    }

    private static Process fork(String[] args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                ForkedTrainer.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Polls fast, so the kill usually lands between the adapter write and its transaction's commit. */
    private static void awaitPath(Path path, Process process, Duration timeout) {
        Await.until(path.toString(), timeout, Duration.ofMillis(1), () -> {
            assertTrue(process.isAlive(), "trainer died before writing " + path);
            return Files.exists(path);
        });
    }

    private static List<AdapterCheckpoint> checkpoints(SingleNodeKafka kafka, int count, Duration wait) {
        Deserializer<AdapterCheckpoint> values = TOPICS.checkpoints().valueSerde(SERDE).deserializer();
        return kafka.readCommitted(TOPICS.checkpoints().name(), count, wait).stream()
                .map(r -> values.deserialize(r.topic(), r.headers(), r.value())).toList();
    }

    private static Map<String, List<Long>> metricSteps(SingleNodeKafka kafka) {
        Deserializer<TrainingMetric> values = TOPICS.trainingMetrics().valueSerde(SERDE).deserializer();
        Map<String, List<Long>> steps = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readCommitted(TOPICS.trainingMetrics().name(),
                SHARDS * STEPS_PER_SHARD + 1, Duration.ofSeconds(3))) {
            TrainingMetric m = values.deserialize(r.topic(), r.headers(), r.value());
            steps.computeIfAbsent(m.getShardId(), s -> new ArrayList<>()).add(m.getStep());
        }
        return steps;
    }
    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("second.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
