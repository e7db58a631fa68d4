package org.bioinstruct.infra.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;

/**
 * A hand-built pipeline state, as the stages would leave it, under its own topic names and shard directory:
 * six generated tasks (r1-r4 accepted, r5 rejected, r6 undecodable and dead-lettered by the filter), train
 * shards t1 = [r1, r2] and t2 = [r3], eval shard e1 = [r4], and adapter v1 (new t1) then v2 (parent v1, new
 * t2). Every accepted task is QA unless {@link #categories} says otherwise. Tests change the plan before
 * {@link #publish()} to plant a fault.
 */
final class PipelineFixture {
    static final String REGISTRY = InMemorySchemaRegistry.MOCK_SCHEME + "pipeline-audit-it";

    final List<String> generated = new ArrayList<>(List.of("r1", "r2", "r3", "r4", "r5", "r6"));
    final List<String> accepted = new ArrayList<>(List.of("r1", "r2", "r3", "r4"));
    final List<String> rejected = new ArrayList<>(List.of("r5"));
    final List<String> undecodable = new ArrayList<>(List.of("r6"));
    final Map<String, ShardPlan> shards = new LinkedHashMap<>();
    final List<VersionPlan> versions = new ArrayList<>();
    final Map<String, Category> categories = new HashMap<>();

    private final SingleNodeKafka kafka;
    private final String prefix;
    private final Path shardDir;
    private final Settings settings;
    private final TopicCatalogue topics;
    private final Map<String, Path> files = new HashMap<>();

    record ShardPlan(String shardId, Split split, List<String> ids) {
    }

    record VersionPlan(int version, Integer parent, List<String> newShardIds) {
    }

    PipelineFixture(SingleNodeKafka kafka, String prefix, Path shardDir) {
        this.kafka = kafka;
        this.prefix = prefix;
        this.shardDir = shardDir;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("bootstrap.servers", kafka.bootstrapServers());
        values.put("schema.registry.url", REGISTRY);
        for (String role : List.of("raw", "accepted", "rejected", "shards", "checkpoints", "training-metrics",
                "eval-metrics", "dlq")) {
            values.put("topic." + role, prefix + "." + role);
        }
        this.settings = Settings.of(values);
        this.topics = TopicCatalogue.from(settings);
        shards.put("t1", new ShardPlan("t1", Split.TRAIN, List.of("r1", "r2")));
        shards.put("t2", new ShardPlan("t2", Split.TRAIN, List.of("r3")));
        shards.put("e1", new ShardPlan("e1", Split.EVAL, List.of("r4")));
        versions.add(new VersionPlan(1, null, List.of("t1")));
        versions.add(new VersionPlan(2, 1, List.of("t2")));
    }

    Settings settings() {
        return settings;
    }

    Path shardFile(String shardId) {
        return files.get(shardId);
    }

    /** Creates the topics, writes the shard files and publishes every record in one transaction. */
    void publish() throws Exception {
        try (Admin admin = kafka.admin()) {
            List<NewTopic> created = new ArrayList<>();
            for (TopicSpec<?, ?> spec : topics.all()) {
                created.add(new NewTopic(spec.name(), spec.partitions(), (short) 1));
            }
            admin.createTopics(created).all().get();
        }
        Files.createDirectories(shardDir);
        Map<String, Object> serde = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientConfigs.transactionalProducer(
                kafka.bootstrapServers(), prefix + "-fixture", Map.of()))) {
            producer.initTransactions();
            producer.beginTransaction();
            Serializer<RawInstruction> raw = topics.raw().valueSerde(serde).serializer();
            for (String id : generated) {
                byte[] value = undecodable.contains(id) ? bytes("not avro: " + id)
                        : raw.serialize(topics.raw().name(), rawTask(id));
                producer.send(new ProducerRecord<>(topics.raw().name(), bytes(id), value));
            }
            for (String id : undecodable) {
                RecordHeaders headers = new RecordHeaders();
                DlqHeaders.addError(headers, "stream-filter", "org.bioinstruct.schemas.serde.WireFormatException",
                        "unknown magic byte");
                DlqHeaders.addSource(headers, topics.raw().name(), 0, 0);
                producer.send(new ProducerRecord<>(topics.dlq().name(), null, bytes(id), bytes("not avro: " + id),
                        headers));
            }
            Serializer<AcceptedInstruction> acc = topics.accepted().valueSerde(serde).serializer();
            for (String id : accepted) {
                producer.send(new ProducerRecord<>(topics.accepted().name(), bytes(id),
                        acc.serialize(topics.accepted().name(), acceptedTask(id))));
            }
            Serializer<RejectedInstruction> rej = topics.rejected().valueSerde(serde).serializer();
            for (String id : rejected) {
                producer.send(new ProducerRecord<>(topics.rejected().name(), bytes(id),
                        rej.serialize(topics.rejected().name(), rejectedTask(id))));
            }
            Serializer<ShardManifest> man = topics.shardsReady().valueSerde(serde).serializer();
            for (ShardPlan shard : shards.values()) {
                producer.send(new ProducerRecord<>(topics.shardsReady().name(), bytes(shard.shardId()),
                        man.serialize(topics.shardsReady().name(), writeShard(shard))));
            }
            Serializer<AdapterCheckpoint> ck = topics.checkpoints().valueSerde(serde).serializer();
            Map<Integer, Set<String>> lineage = new HashMap<>();
            for (VersionPlan version : versions) {
                Set<String> seen = new LinkedHashSet<>(version.parent() == null ? Set.of() : lineage.get(version.parent()));
                seen.addAll(version.newShardIds());
                lineage.put(version.version(), seen);
                producer.send(new ProducerRecord<>(topics.checkpoints().name(), bytes(Integer.toString(version.version())),
                        ck.serialize(topics.checkpoints().name(), checkpoint(version, List.copyOf(seen)))));
            }
            producer.commitTransaction();
        }
    }

    private ShardManifest writeShard(ShardPlan shard) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (String id : shard.ids()) {
            jsonl.append("{\"id\":\"").append(id).append("\",\"instruction\":\"").append(instruction(id))
                    .append("\",\"input\":\"\",\"output\":\"metformin\",\"category\":\"").append(category(id))
                    .append("\",\"source\":\"synthetic\"}\n");
        }
        Map<String, Integer> categoryCounts = new HashMap<>();
        shard.ids().forEach(id -> categoryCounts.merge(category(id).name(), 1, Integer::sum));
        byte[] content = bytes(jsonl.toString());
        Path file = Files.write(shardDir.resolve(shard.shardId() + ".jsonl"), content);
        files.put(shard.shardId(), file);
        return ShardManifest.newBuilder().setShardId(shard.shardId()).setUri(file.toUri().toString())
                .setSplit(shard.split()).setFormat("jsonl").setRecordCount(shard.ids().size())
                .setCategoryCounts(categoryCounts).setSha256(sha256(content))
                .setByteSize(content.length).setInstructionIds(List.copyOf(shard.ids())).setSourceOffsets(List.of())
                .setCreatedAt(Instant.ofEpochMilli(1_000)).build();
    }

    private static AdapterCheckpoint checkpoint(VersionPlan version, List<String> shardIds) {
        return AdapterCheckpoint.newBuilder().setAdapterVersion(version.version()).setParentVersion(version.parent())
                .setRunId("run-1").setUri("file:///adapters/v" + version.version()).setBaseModel("tiny")
                .setNewShardIds(version.newShardIds()).setShardIds(shardIds).setExamples(3).setTokens(90)
                .setLoss(1.5).setCreatedAt(Instant.ofEpochMilli(2_000)).build();
    }

    private static RawInstruction rawTask(String id) {
        return RawInstruction.newBuilder().setId(id).setRunId("run-1").setInstruction(instruction(id))
                .setOutput("metformin").setSource("synthetic").setCreatedAt(Instant.ofEpochMilli(1_000)).build();
    }

    private Category category(String id) {
        return categories.getOrDefault(id, Category.QA);
    }

    private AcceptedInstruction acceptedTask(String id) {
        return AcceptedInstruction.newBuilder().setId(id).setRunId("run-1").setInstruction(instruction(id))
                .setOutput("metformin").setCategory(category(id)).setCategoryConfidence(0.9).setSource("synthetic")
                .setCreatedAt(Instant.ofEpochMilli(1_000)).setAcceptedAt(Instant.ofEpochMilli(1_500)).build();
    }

    private static RejectedInstruction rejectedTask(String id) {
        return RejectedInstruction.newBuilder().setId(id).setRunId("run-1").setInstruction("Name it")
                .setOutput("x").setSource("synthetic").setReason("TOO_SHORT").setDetail("instruction has 2 words")
                .setCreatedAt(Instant.ofEpochMilli(1_000)).setRejectedAt(Instant.ofEpochMilli(1_500)).build();
    }

    private static String instruction(String id) {
        return "Name the first-line drug for type 2 diabetes, case " + id + ".";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
