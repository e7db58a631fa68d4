package org.bioinstruct.trainer;

import static org.bioinstruct.trainer.TrainerFixture.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.adapters.ShardRef;
import org.bioinstruct.trainer.training.ShardTrainer;
import org.bioinstruct.trainer.training.StepMetrics;
import org.bioinstruct.trainer.training.TestShards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trainer loop against a real single-node KRaft broker. The first loop is stopped abruptly after adapter
 * v2 is on disk but before its transaction (checkpoint, metrics, offset) commits; a second loop over the same
 * adapter directory and consumer group picks up there. Every train shard is trained exactly once, every
 * version's checkpoint and step metrics are visible exactly once (those of the interrupted version are
 * published again from its trainer_state.json), second manifests of trained shards publish nothing, the shard
 * whose file fails its checksum and an undecodable record go to the DLQ untrained, and the EVAL shard is not
 * trained.
 */
class TrainerLoopIT {
    private static final TopicCatalogue TOPICS = TrainerFixture.TOPICS;

    @RegisterExtension
    static final TrainerFixture fixture = new TrainerFixture("mock://trainer-loop-it");

    @Test
    void crashBetweenAdapterWriteAndCommitTrainsNoShardTwice() throws Exception {
        TrainerSettings settings = fixture.settings(Map.of("trainer.metrics.every", "1"));
        BaseModel base = TrainerFixture.base(settings);
        Path shards = fixture.dataDir().resolve("shards");
        ShardRef s1 = TestShards.write(shards, "train-000001", TestShards.examples("a", 4));
        ShardRef eval = TestShards.write(shards, "eval-000001", TestShards.examples("e", 2));
        ShardRef corrupt = TestShards.write(shards, "train-000002", TestShards.examples("c", 4));
        Files.writeString(Path.of(java.net.URI.create(corrupt.uri())), "{\"changed\": true}\n");
        ShardRef s3 = TestShards.write(shards, "train-000003", TestShards.examples("b", 4));
        ShardRef s4 = TestShards.write(shards, "train-000004", TestShards.examples("d", 4));
        fixture.produce(manifest(s1, Split.TRAIN), manifest(eval, Split.EVAL), manifest(corrupt, Split.TRAIN));
        fixture.kafka().send(TOPICS.shardsReady().name(), "garbage",
                "not an Avro record".getBytes(StandardCharsets.UTF_8));
        fixture.produce(manifest(s3, Split.TRAIN), manifest(s4, Split.TRAIN));
        Map<String, Integer> trainings = new ConcurrentHashMap<>();

        Throwable crash = runUntilDone(settings, new Recording(TrainerFixture.trainer(settings, base), trainings, s3.id()));
        assertInstanceOf(Crash.class, crash);
        assertTrue(Files.isDirectory(settings.adaptersDir().resolve("v000002")), "v2 was written before the crash");
        assertEquals(List.of(1), checkpointVersions(Duration.ofSeconds(2)), "v2's checkpoint was never committed");

        try (Recording resumed = new Recording(TrainerFixture.trainer(settings, base), trainings, null)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            TrainerLoop loop = new TrainerLoop(settings, resumed);
            Thread thread = TrainerFixture.start(loop, failure);
            List<AdapterCheckpoint> checkpoints = awaitCheckpoints(3);
            fixture.produce(manifest(s4, Split.TRAIN), manifest(s1, Split.TRAIN));
            // all 8 records of the manifest topic handled
            fixture.kafka().awaitCommittedOffset(settings.groupId(), TOPICS.shardsReady().name(), 8,
                    Duration.ofSeconds(120));
            loop.stop(Duration.ofSeconds(30));
            thread.join(30_000);
            assertEquals(null, failure.get());

            assertEquals(List.of(1, 2, 3), checkpoints.stream().map(AdapterCheckpoint::getAdapterVersion).toList());
            assertEquals(List.of(1, 2, 3), checkpointVersions(Duration.ofSeconds(2)),
                    "second manifests of trained shards publish nothing");
            assertEquals(List.of(List.of(s1.id()), List.of(s3.id()), List.of(s4.id())),
                    checkpoints.stream().map(AdapterCheckpoint::getNewShardIds).toList());
            assertEquals(List.of(s1.id(), s3.id(), s4.id()), checkpoints.get(2).getShardIds());
        }
        assertEquals(Map.of(s1.id(), 1, s3.id(), 1, s4.id(), 1), trainings, "training runs per shard");
        try (var dirs = Files.list(settings.adaptersDir())) {
            assertEquals(List.of("v000001", "v000002", "v000003"),
                    dirs.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // one more than expected: reading until the wait is over shows there is nothing else
        List<ConsumerRecord<byte[], byte[]>> dead =
                fixture.kafka().readCommitted(TOPICS.dlq().name(), 3, Duration.ofSeconds(3));
        assertEquals(2, dead.size());
        assertEquals(corrupt.id(), new String(dead.get(0).key(), StandardCharsets.UTF_8));
        assertTrue(header(dead.get(0), DlqHeaders.ERROR_MESSAGE).contains("sha256 mismatch"));
        assertEquals("garbage", new String(dead.get(1).key(), StandardCharsets.UTF_8));
        assertTrue(header(dead.get(1), DlqHeaders.ERROR_MESSAGE).startsWith("undecodable ShardManifest"));
        assertEquals("not an Avro record", new String(dead.get(1).value(), StandardCharsets.UTF_8));
        assertMetricsOfOneTrainingPerShard(List.of(s1.id(), s3.id(), s4.id()));
    }

    /** Runs a loop until it dies and returns what killed it. */
    private static Throwable runUntilDone(TrainerSettings settings, Recording trainer) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (trainer) {
            Thread thread = TrainerFixture.start(new TrainerLoop(settings, trainer), failure);
            thread.join(120_000);
            assertTrue(!thread.isAlive(), "the first loop crashed");
        }
        return failure.get();
    }

    private static void assertMetricsOfOneTrainingPerShard(List<String> trained) {
        List<TrainingMetric> metrics = fixture.read(TOPICS.trainingMetrics(), 7, Duration.ofSeconds(3));
        for (String shard : trained) {
            List<Long> steps = metrics.stream().filter(m -> m.getShardId().equals(shard)).map(TrainingMetric::getStep).toList();
            assertEquals(2, steps.size(), shard + ": 4 examples in batches of 2, one epoch, one metric per step");
            assertEquals(steps.stream().distinct().toList(), steps, shard + " steps " + steps);
        }
        assertTrue(metrics.stream().allMatch(m -> m.getLoss() > 0 && m.getTokensPerSecond() > 0 && m.getGradNorm() > 0
                && m.getLearningRate() > 0));
        assertEquals(6, metrics.size());
    }

    private static ShardManifest manifest(ShardRef shard, Split split) throws IOException {
        Path file = Path.of(java.net.URI.create(shard.uri()));
        return ShardManifest.newBuilder().setShardId(shard.id()).setUri(shard.uri()).setSplit(split)
                .setRecordCount((int) Files.lines(file).count()).setSha256(shard.sha256()).setByteSize(Files.size(file))
                .setCreatedAt(Instant.now()).build();
    }

    private static List<Integer> checkpointVersions(Duration wait) {
        return fixture.read(TOPICS.checkpoints(), Integer.MAX_VALUE, wait).stream()
                .map(AdapterCheckpoint::getAdapterVersion).toList();
    }

    private static List<AdapterCheckpoint> awaitCheckpoints(int count) {
        return fixture.read(TOPICS.checkpoints(), count, Duration.ofSeconds(120));
    }

    /** The first loop's sudden death: thrown after an adapter is on disk, before the loop can commit. */
    static final class Crash extends Error {
        Crash(String shardId) {
            super("crash after writing the adapter for " + shardId);
        }
    }

    /** The real trainer, counting training runs per shard and optionally dying right after one. */
    static final class Recording implements ShardTrainer {
        private final ShardTrainer delegate;
        private final Map<String, Integer> trainings;
        private final String crashAfter;

        Recording(ShardTrainer delegate, Map<String, Integer> trainings, String crashAfter) {
            this.delegate = delegate;
            this.trainings = trainings;
            this.crashAfter = crashAfter;
        }

        @Override
        public Decision decide(String shardId, ShardRef.ManifestPosition position) {
            return delegate.decide(shardId, position);
        }

        @Override
        public Optional<AdapterVersion> current() {
            return delegate.current();
        }

        @Override
        public int nextVersion() {
            return delegate.nextVersion();
        }

        @Override
        public AdapterVersion train(ShardRef shard, List<Example> examples, Consumer<StepMetrics> onStep)
                throws IOException {
            AdapterVersion written = delegate.train(shard, examples, onStep);
            trainings.merge(shard.id(), 1, Integer::sum);
            if (shard.id().equals(crashAfter)) {
                throw new Crash(shard.id());
            }
            return written;
        }

        @Override
        public List<StepMetrics> history(AdapterVersion version) throws IOException {
            return delegate.history(version);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
