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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job on a Flink MiniCluster against a real broker, with a task failure injected mid-stream: Flink
 * restarts it from the last checkpoint (fixed-delay restart strategy), the aborted attempt's shard files are
 * cleaned or rewritten, and afterwards every accepted example is in exactly one committed shard.
 */
@Tag("slow")
class ShardBuilderFailoverIT {
    private static final int PER_PHASE = 3_000;
    private static final String REGISTRY = "mock://shard-builder-failover-it";

    @RegisterExtension
    static final ShardBuilderJobFixture fixture = new ShardBuilderJobFixture(REGISTRY);

    @Test
    @Timeout(120)
    void everyAcceptedExampleIsInExactlyOneCommittedShardAfterAMidStreamFailure() throws Exception {
        TestTopics topics = fixture.topics();
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(fixture.settings(Map.of(
                "shards.size", "50", "shards.max.age.ms", "300", "shards.eval.fraction", "0.2",
                "shards.checkpoint.interval.ms", "400", "shards.parallelism", "2"))));
        FailingOnceDeserializer.reset();

        List<String> ids = new ArrayList<>();
        JobClient job;
        try (KafkaProducer<String, AcceptedInstruction> producer = topics.producer()) {
            ids.addAll(topics.produce(producer, "inst", 0, PER_PHASE));
            job = start(config, PER_PHASE + PER_PHASE / 2);
            fixture.awaitCommitted(1, Duration.ofSeconds(40));
            for (int from = PER_PHASE; from < 2 * PER_PHASE; from += 300) {
                ids.addAll(topics.produce(producer, "inst", from, from + 300));
                Thread.sleep(50);
            }
        }
        List<ShardManifest> manifests = fixture.awaitCommitted(ids.size(), Duration.ofSeconds(60));
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
}
