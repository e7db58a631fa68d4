package org.bioinstruct.infra.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.split.ShardSelection;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's watcher and completion check against a real broker, with {@code shards.categories} set: it waits
 * for exactly the examples the shard-builder puts into shards, classified by the shard-builder's own rule.
 */
class PipelineWatcherIT {
    private static final String REGISTRY = InMemorySchemaRegistry.MOCK_SCHEME + "pipeline-watcher-it";
    private static final Map<String, Category> ACCEPTED = new LinkedHashMap<>();
    @RegisterExtension
    static final SingleNodeKafka kafka = SingleNodeKafka.perClass();

    static {
        ACCEPTED.put("q1", Category.QA);
        ACCEPTED.put("q2", Category.QA);
        ACCEPTED.put("g1", Category.GEN);
        ACCEPTED.put("i1", Category.IE);
        ACCEPTED.put("i2", Category.IE);
        ACCEPTED.put("o1", Category.OTHER);
    }

    @Test
    void withACategorySelectionCompletesOnceExactlyTheSelectedExamplesAreInShards() throws Exception {
        // QA is selected for training; GEN goes wholly to EVAL (kept whatever the selection); IE and OTHER are
        // training examples of unselected categories, so no shard will ever hold them
        Settings settings = topicSettings("watch-selected").with(Map.of("shards.categories", "QA",
                "shards.eval.fraction", "0", "shards.eval.fraction.GEN", "1"));
        TopicCatalogue topics = TopicCatalogue.from(settings);
        createTopics(topics);
        publishGeneratedAndAccepted(topics);

        try (PipelineWatcher watcher = new PipelineWatcher(topics, ShardSelection.from(settings),
                kafka.bootstrapServers(), REGISTRY)) {
            PipelineCounts filtered = await(watcher, c -> c.accepted() == ACCEPTED.size());
            assertEquals(3, filtered.acceptedOutsideSelectedCategories());
            assertEquals(Optional.of("sharded 0 of 3 accepted (3 more outside shards.categories)"),
                    Completion.missing(filtered, ACCEPTED.size()));

            publish(topics, List.of(manifest("train-000001", Split.TRAIN, List.of("q1", "q2"))),
                    List.of(checkpoint(1, List.of("train-000001"))), List.of(metric(1)));
            PipelineCounts evalShardMissing = await(watcher, c -> !c.evalMetrics().isEmpty());
            assertEquals(Optional.of("sharded 2 of 3 accepted (3 more outside shards.categories)"),
                    Completion.missing(evalShardMissing, ACCEPTED.size()));
            assertFalse(Completion.reconciles(evalShardMissing, ACCEPTED.size()));

            publish(topics, List.of(manifest("eval-000001", Split.EVAL, List.of("g1"))), List.of(), List.of());
            PipelineCounts done = await(watcher, c -> c.shards().size() == 2);
            assertEquals(Optional.empty(), Completion.missing(done, ACCEPTED.size()));
            assertTrue(Completion.reconciles(done, ACCEPTED.size()));
        }
        try (PipelineWatcher everyCategory = new PipelineWatcher(topics,
                ShardSelection.from(settings.with("shards.categories", "all")), kafka.bootstrapServers(), REGISTRY)) {
            PipelineCounts counts = await(everyCategory, c -> c.shards().size() == 2 && !c.evalMetrics().isEmpty());
            assertEquals(Optional.of("sharded 3 of 6 accepted"), Completion.missing(counts, ACCEPTED.size()),
                    "selecting every category, the same topics are not done");
        }
    }

    private static Settings topicSettings(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String role : List.of("raw", "accepted", "rejected", "shards", "checkpoints", "training-metrics",
                "eval-metrics", "dlq")) {
            values.put("topic." + role, prefix + "." + role);
        }
        return Settings.of(values);
    }

    private static void createTopics(TopicCatalogue topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            List<NewTopic> created = new ArrayList<>();
            for (TopicSpec<?, ?> spec : topics.all()) {
                created.add(new NewTopic(spec.name(), spec.partitions(), (short) 1));
            }
            admin.createTopics(created).all().get();
        }
    }

    private static void publishGeneratedAndAccepted(TopicCatalogue topics) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            Serializer<AcceptedInstruction> accepted = topics.accepted().valueSerde(serdeConfig()).serializer();
            ACCEPTED.forEach((id, category) -> {
                producer.send(new ProducerRecord<>(topics.raw().name(), bytes(id), bytes("raw " + id)));
                producer.send(new ProducerRecord<>(topics.accepted().name(), bytes(id),
                        accepted.serialize(topics.accepted().name(), accepted(id, category))));
            });
        }
    }

    private static void publish(TopicCatalogue topics, List<ShardManifest> manifests,
                                List<AdapterCheckpoint> checkpoints, List<EvalMetric> metrics) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            Serializer<ShardManifest> shards = topics.shardsReady().valueSerde(serdeConfig()).serializer();
            manifests.forEach(m -> producer.send(new ProducerRecord<>(topics.shardsReady().name(),
                    bytes(m.getShardId()), shards.serialize(topics.shardsReady().name(), m))));
            Serializer<AdapterCheckpoint> versions = topics.checkpoints().valueSerde(serdeConfig()).serializer();
            checkpoints.forEach(c -> producer.send(new ProducerRecord<>(topics.checkpoints().name(),
                    bytes(Integer.toString(c.getAdapterVersion())),
                    versions.serialize(topics.checkpoints().name(), c))));
            Serializer<EvalMetric> evals = topics.evalMetrics().valueSerde(serdeConfig()).serializer();
            metrics.forEach(m -> producer.send(new ProducerRecord<>(topics.evalMetrics().name(),
                    bytes(Integer.toString(m.getAdapterVersion())), evals.serialize(topics.evalMetrics().name(), m))));
        }
    }

    private static PipelineCounts await(PipelineWatcher watcher, Predicate<PipelineCounts> condition) {
        return Await.value("the watcher to see the records", Duration.ofSeconds(30), watcher::snapshot, condition);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<String, Object> serdeConfig() {
        return Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
    }

    private static AcceptedInstruction accepted(String id, Category category) {
        return AcceptedInstruction.newBuilder().setId(id).setRunId("run-1")
                .setInstruction("Name the first-line drug for type 2 diabetes, case " + id + ".").setOutput("metformin")
                .setCategory(category).setCategoryConfidence(0.9).setSource("synthetic")
                .setCreatedAt(Instant.ofEpochMilli(1_000)).setAcceptedAt(Instant.ofEpochMilli(1_500)).build();
    }

    private static ShardManifest manifest(String shardId, Split split, List<String> ids) {
        return ShardManifest.newBuilder().setShardId(shardId).setUri("file:///shards/" + shardId + ".jsonl")
                .setSplit(split).setFormat("jsonl").setRecordCount(ids.size()).setCategoryCounts(Map.of())
                .setSha256("00").setByteSize(1).setInstructionIds(ids).setSourceOffsets(List.of())
                .setCreatedAt(Instant.ofEpochMilli(2_000)).build();
    }

    private static AdapterCheckpoint checkpoint(int version, List<String> shardIds) {
        return AdapterCheckpoint.newBuilder().setAdapterVersion(version).setRunId("run-1").setUri("file:///a")
                .setBaseModel("tiny").setNewShardIds(shardIds).setShardIds(shardIds).setExamples(2).setTokens(60)
                .setLoss(1.5).setCreatedAt(Instant.ofEpochMilli(3_000)).build();
    }

    private static EvalMetric metric(int version) {
        return EvalMetric.newBuilder().setAdapterVersion(version).setRunId("run-1").setSuite("heldout")
                .setTask("generation").setCategory(Category.GEN).setMetric("rougeL").setValue(0.2)
                .setBaseline(0.1).setGain(1.0).setN(1).setTimestamp(Instant.ofEpochMilli(4_000)).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
