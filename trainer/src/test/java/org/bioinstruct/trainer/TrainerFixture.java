package org.bioinstruct.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.testkit.TempDirs;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.training.IncrementalTrainer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the in-process trainer ITs share: a KRaft broker with the trainer's topics, settings on it, manifests to
 * publish, committed records to read back, and a loop run in its own thread.
 */
final class TrainerFixture implements BeforeAllCallback, AfterAllCallback {
    static final TopicCatalogue TOPICS = TopicCatalogue.defaults();

    private final String registry;
    private final Map<String, Object> serde;
    private final SingleNodeKafka kafka = SingleNodeKafka.perClass();
    private Path dataDir;

    /** On a static {@code @RegisterExtension} field: set up before the class's first test, torn down after its last. */
    TrainerFixture(String registry) {
        this.registry = registry;
        this.serde = Map.of("schema.registry.url", registry);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = TempDirs.create(context, "trainer-it");
        kafka.beforeAll(context);
        kafka.createTopics(TOPICS.shardsReady(), TOPICS.checkpoints(), TOPICS.trainingMetrics(), TOPICS.dlq());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        kafka.afterAll(context);
    }

    SingleNodeKafka kafka() {
        return kafka;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Settings on this broker and data dir: poll every 100 ms, batches of 2, one epoch, with {@code extra} on top. */
    TrainerSettings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry,
                "data.dir", dataDir.toString(), "trainer.poll.ms", "100", "trainer.batch.size", "2",
                "trainer.epochs", "1"));
        values.putAll(extra);
        return TrainerSettings.from(Settings.of(values));
    }

    static BaseModel base(TrainerSettings settings) throws IOException {
        return BaseModels.createOrLoad(settings.modelDir(), settings.seed());
    }

    static IncrementalTrainer trainer(TrainerSettings settings, BaseModel base) throws IOException {
        return new IncrementalTrainer(base, settings.lora(), settings.training(), new AdapterStore(settings.adaptersDir()),
                settings.runId(), settings.seed());
    }

    /** Runs the loop in its own thread; clients are closed when it ends, offsets uncommitted if it crashed. */
    static Thread start(TrainerLoop loop, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try (loop) {
                loop.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "trainer-loop");
        thread.start();
        return thread;
    }

    /** Publishes the manifests, keyed by shard id, one after the other. */
    void produce(ShardManifest... manifests) throws Exception {
        for (ShardManifest m : manifests) {
            kafka.send(TOPICS.shardsReady(), serde, m.getShardId(), m);
        }
    }

    /** Up to {@code count} committed values of the topic, read for at most {@code wait}. */
    <V> List<V> read(TopicSpec<String, V> topic, int count, Duration wait) {
        Deserializer<V> values = topic.valueSerde(serde).deserializer();
        return kafka.readCommitted(topic.name(), count, wait).stream()
                .map(r -> values.deserialize(r.topic(), r.headers(), r.value())).toList();
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DlqHeaders.value(record.headers(), name).orElseThrow();
    }
}
