package org.bioinstruct.shards;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.testkit.Await;

/**
 * What the job's end-to-end ITs share: a broker with the accepted (3 partitions), shards and dlq topics, the
 * test topics on them, the settings that point a job at them with its data under {@code data/}, and a wait for
 * committed manifests.
 */
final class ShardBuilderJobFixture implements AutoCloseable {
    final KafkaBroker broker;
    final TestTopics topics;
    private final String registry;
    private final Path dataDir;

    private ShardBuilderJobFixture(KafkaBroker broker, String registry, Path dataDir) {
        this.broker = broker;
        this.registry = registry;
        this.dataDir = dataDir;
        this.topics = new TestTopics(broker.bootstrapServers(), registry, "accepted", "shards");
    }

    static ShardBuilderJobFixture start(Path dir, String registry) throws Exception {
        KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"));
        try {
            broker.createTopic("accepted", 3);
            broker.createTopic("shards", 1);
            broker.createTopic("dlq", 1);
            return new ShardBuilderJobFixture(broker, registry, dir.resolve("data"));
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** The settings of a job on these topics and data dir, with {@code shards} (the job's tuning) on top. */
    Map<String, String> settings(Map<String, String> shards) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", registry,
                "topic.accepted", "accepted", "topic.shards", "shards", "topic.dlq", "dlq",
                "data.dir", dataDir.toString()));
        settings.putAll(shards);
        return settings;
    }

    /** Waits until committed manifests hold at least {@code records} ids; returns them. */
    List<ShardManifest> awaitCommitted(int records, Duration timeout) {
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

    @Override
    public void close() throws Exception {
        broker.close();
    }
}
