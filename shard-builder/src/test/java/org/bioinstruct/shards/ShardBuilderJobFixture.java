package org.bioinstruct.shards;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.TempDirs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the job's end-to-end ITs share: a broker with the accepted (3 partitions), shards and dlq topics, the
 * test topics on them, the settings that point a job at them with its data under {@code data/}, and a wait for
 * committed manifests.
 */
final class ShardBuilderJobFixture implements BeforeAllCallback, AfterAllCallback {
    private final String registry;
    private Path dir;
    private KafkaBroker broker;
    private TestTopics topics;

    /** On a static {@code @RegisterExtension} field: set up before the class's first test, torn down after its last. */
    ShardBuilderJobFixture(String registry) {
        this.registry = registry;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = TempDirs.create(context, "shard-builder-it");
        broker = KafkaBroker.start(dir.resolve("broker"));
        broker.createTopic("accepted", 3);
        broker.createTopic("shards", 1);
        broker.createTopic("dlq", 1);
        topics = new TestTopics(broker.bootstrapServers(), registry, "accepted", "shards");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    TestTopics topics() {
        return topics;
    }

    /** This class's temp dir: the broker's files under broker/, the job's under data/, room for logs. */
    Path dir() {
        return dir;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** The settings of a job on these topics and data dir, with {@code shards} (the job's tuning) on top. */
    Map<String, String> settings(Map<String, String> shards) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", registry,
                "topic.accepted", "accepted", "topic.shards", "shards", "topic.dlq", "dlq",
                "data.dir", dataDir().toString()));
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
}
