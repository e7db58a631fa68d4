package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a Flink MiniCluster against a real broker, with a task failure injected mid-stream: Flink
 * restarts it from the last checkpoint (fixed-delay restart strategy), the aborted attempt's shard files are
 * cleaned or rewritten, and afterwards every accepted example is in exactly one committed shard.
 */
@Tag("slow")
class ShardBuilderFailoverIT {
    private static final int PER_PHASE = 3_000;
    private static final String REGISTRY = "mock://shard-builder-failover-it";

    @TempDir
    static Path dir;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    @Timeout(120)
    void everyAcceptedExampleIsInExactlyOneCommittedShardAfterAMidStreamFailure() throws Exception {
        broker.createTopic("accepted", 3);
        broker.createTopic("shards", 1);
        broker.createTopic("dlq", 1);
        TestTopics topics = new TestTopics(broker.bootstrapServers(), REGISTRY, "accepted", "shards");
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", REGISTRY,
                "topic.accepted", "accepted", "topic.shards", "shards", "topic.dlq", "dlq",
                "data.dir", dir.resolve("data").toString())).with(Map.of("shards.size", "50",
                "shards.max.age.ms", "300", "shards.eval.fraction", "0.2", "shards.checkpoint.interval.ms", "400",
                "shards.parallelism", "2")));
        FailingOnceDeserializer.reset();

        List<String> ids = new ArrayList<>();
        JobClient job;
        try (KafkaProducer<String, AcceptedInstruction> producer = topics.producer()) {
            ids.addAll(topics.produce(producer, "inst", 0, PER_PHASE));
            job = start(config, PER_PHASE + PER_PHASE / 2);
            awaitCommitted(topics, 1, Duration.ofSeconds(40));
            for (int from = PER_PHASE; from < 2 * PER_PHASE; from += 300) {
                ids.addAll(topics.produce(producer, "inst", from, from + 300));
                Thread.sleep(50);
            }
        }
        List<ShardManifest> manifests = awaitCommitted(topics, ids.size(), Duration.ofSeconds(60));
        CompletedCheckpoints.awaitTwoMore(config.localCheckpointDir().orElseThrow(), Duration.ofSeconds(30));
        job.cancel().get(30, TimeUnit.SECONDS);

        assertTrue(FailingOnceDeserializer.FAILED.get(), "the failure was injected");
        assertEquals(manifests.size(), topics.committedManifests().size(), "nothing committed after the last id");
        ExactlyOnceAudit.Counts counts =
                ExactlyOnceAudit.check(ids, manifests, Path.of(URI.create(config.storeUri())));
        System.out.println("[failover IT] exactly-once audit: " + counts);
    }

    private static JobClient start(ShardBuilderSettings config, long failAt) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ShardBuilderJob.flinkConfiguration(config).clone());
        env.configure(org.apache.flink.configuration.Configuration.fromMap(Map.of(
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "3",
                "restart-strategy.fixed-delay.delay", "200 ms")));
        env.setParallelism(config.parallelism());
        new ShardBuilderJob(config,
                KafkaConnectors.acceptedSource(config, new FailingOnceDeserializer(config.serdeConfig(), failAt)),
                KafkaConnectors.manifestSink(config), KafkaConnectors.deadLetterSink(config)).build(env);
        return env.executeAsync("shard-builder-failover-it");
    }

    /** Waits until committed manifests hold at least {@code records} ids; returns them. */
    static List<ShardManifest> awaitCommitted(TestTopics topics, int records, Duration timeout) {
        return Await.value(records + " records in committed manifests", timeout, Duration.ofMillis(250),
                () -> new Committed(topics.committedManifests()), committed -> committed.records() >= records)
                .manifests();
    }

    private record Committed(List<ShardManifest> manifests) {
        int records() {
            return manifests.stream().mapToInt(ShardManifest::getRecordCount).sum();
        }

        @Override
        public String toString() {
            return records() + " records in " + manifests.size() + " committed manifests";
        }
    }
}
