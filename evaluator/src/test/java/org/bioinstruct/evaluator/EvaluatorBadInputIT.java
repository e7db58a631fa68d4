package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bioinstruct.evaluator.scoring.BaselineCache;
import org.bioinstruct.evaluator.scoring.ModelChecksum;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input for the evaluator on a real KRaft broker: an EVAL manifest whose file is missing and checkpoints
 * whose adapter is truncated or has a garbage config go to the DLQ with the reason in headers; the gzipped EVAL
 * shard is used and the intact checkpoint after the corrupt ones is evaluated. A restart re-reads every EVAL
 * manifest but dead-letters none of them a second time.
 */
class EvaluatorBadInputIT {
    static final String REGISTRY = "mock://evaluator-bad-input-it";
    static final Map<String, Object> SERDE = Map.of("schema.registry.url", REGISTRY);
    static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    static final ObjectMapper JSON = new ObjectMapper();
    static SingleNodeKafka kafka;

    @TempDir
    static Path dir;
    static BaseModel base;

    @BeforeAll
    static void start() throws Exception {
        kafka = SingleNodeKafka.start();
        try (Admin admin = kafka.admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec<?, ?> spec : List.of(TOPICS.shardsReady(), TOPICS.checkpoints(), TOPICS.evalMetrics(), TOPICS.dlq())) {
                topics.add(new NewTopic(spec.name(), 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
        base = TinyModels.base(dir.resolve("models/base"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void deadLettersAMissingEvalShardAndCorruptAdaptersOnceAndEvaluatesTheNextCheckpoint() throws Exception {
        Path missing = dir.resolve("shards/eval-000001.jsonl");
        send(TOPICS.shardsReady(), "eval-000001", evalManifest("eval-000001", missing, "0".repeat(64), "jsonl"));
        publishGzippedEvalShard("eval-000002");
        Path truncated = publishCheckpoint(1);
        byte[] weights = Files.readAllBytes(truncated.resolve(LoraAdapter.WEIGHTS_FILE));
        Files.write(truncated.resolve(LoraAdapter.WEIGHTS_FILE), Arrays.copyOf(weights, weights.length - 100));
        Path garbage = publishCheckpoint(2);
        Files.writeString(garbage.resolve(LoraAdapter.CONFIG_FILE), "\u0000\u0001 not json");
        publishCheckpoint(3);
        EvaluatorSettings settings = settings();

        runUntil(settings, versions -> versions.containsKey(3));

        Map<Integer, List<EvalMetric>> metrics = readMetrics();
        assertEquals(List.of(3), List.copyOf(metrics.keySet()), "the corrupt versions 1 and 2 have no metrics");
        assertTrue(metrics.get(3).stream().allMatch(m -> m.getEvalShardIds().equals(List.of("eval-000002"))),
                "the gzipped shard is the held-out set");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(TOPICS.dlq().name());
        assertEquals(List.of("eval-000001", "1", "2"), dead.stream().map(EvaluatorBadInputIT::key).toList());
        assertTrue(header(dead.get(0), DlqHeaders.ERROR_MESSAGE).startsWith(
                "unusable EVAL shard: cannot read shard file " + missing), header(dead.get(0), DlqHeaders.ERROR_MESSAGE));
        assertEquals(ShardFile.ShardFileException.class.getName(), header(dead.get(0), DlqHeaders.ERROR_CLASS));
        assertEquals(TOPICS.shardsReady().name(), header(dead.get(0), DlqHeaders.SOURCE_TOPIC));
        assertEquals("0", header(dead.get(0), DlqHeaders.SOURCE_OFFSET));
        assertTrue(header(dead.get(1), DlqHeaders.ERROR_MESSAGE).contains(LoraAdapter.WEIGHTS_FILE),
                header(dead.get(1), DlqHeaders.ERROR_MESSAGE));
        assertTrue(header(dead.get(2), DlqHeaders.ERROR_MESSAGE).startsWith("cannot evaluate adapter "
                + garbage.toUri()), header(dead.get(2), DlqHeaders.ERROR_MESSAGE));
        assertTrue(header(dead.get(2), DlqHeaders.ERROR_MESSAGE).contains(LoraAdapter.CONFIG_FILE + ": not valid JSON"),
                header(dead.get(2), DlqHeaders.ERROR_MESSAGE));
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            assertEquals("evaluator", header(r, DlqHeaders.STAGE));
        }
        assertEquals(List.of("0", "1"), dead.subList(1, 3).stream().map(r -> header(r, DlqHeaders.SOURCE_OFFSET)).toList());

        publishCheckpoint(4);
        runUntil(settings, versions -> versions.containsKey(4));

        assertEquals(List.of(3, 4), List.copyOf(readMetrics().keySet()));
        assertEquals(List.of("eval-000001", "1", "2"), readAll(TOPICS.dlq().name()).stream()
                .map(EvaluatorBadInputIT::key).toList(), "the restart dead-lettered nothing again");
    }

    private EvaluatorSettings settings() {
        return EvaluatorSettings.from(Settings.of(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", REGISTRY,
                "data.dir", dir.toString(),
                EvaluatorSettings.MAX_NEW_TOKENS, "4",
                EvaluatorSettings.POLL_MS, "200")), Map.of());
    }

    private static void runUntil(EvaluatorSettings settings, Predicate<Map<Integer, List<EvalMetric>>> done)
            throws Exception {
        BaselineCache cache = new BaselineCache(settings.stateDir(), ModelChecksum.of(base.dir()), settings.maxNewTokens());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, cache, settings.maxNewTokens(), Optional.empty());
             EvaluatorLoop loop = new EvaluatorLoop(settings, evaluator, List.of())) {
            Thread thread = new Thread(() -> {
                try {
                    loop.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "evaluator-loop");
            thread.start();
            Await.value("the awaited metrics", Duration.ofSeconds(120), Duration.ofMillis(300), () -> {
                assertTrue(failure.get() == null, () -> "loop died: " + failure.get());
                return readMetrics();
            }, done);
            loop.stop(Duration.ofSeconds(1));
            thread.join(60_000);
        }
        assertEquals(null, failure.get());
    }

    private static void publishGzippedEvalShard(String id) throws Exception {
        List<String> lines = List.of(
                line("h1", "Is aspirin an NSAID? Answer yes or no.", "", "Yes", "QA"),
                line("h2", "Extract the drug names.", "Pt on metformin and aspirin.", "metformin, aspirin", "IE"),
                line("h3", "Summarize the note.", "Fever and cough for 3 days.", "Three days of fever and cough.", "GEN"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(Files.createDirectories(dir.resolve("shards")).resolve(id + ".jsonl.gz"),
                bytes.toByteArray());
        send(TOPICS.shardsReady(), id, evalManifest(id, file, ShardFile.sha256(bytes.toByteArray()), "jsonl.gz"));
    }

    private static ShardManifest evalManifest(String id, Path file, String sha256, String format) {
        return ShardManifest.newBuilder().setShardId(id).setUri(file.toUri().toString()).setSplit(Split.EVAL)
                .setFormat(format).setRecordCount(3).setSha256(sha256).setByteSize(1).setCreatedAt(Instant.now())
                .build();
    }

    private static String line(String id, String instruction, String input, String output, String category) {
        return JSON.createObjectNode().put("id", id).put("instruction", instruction).put("input", input)
                .put("output", output).put("category", category).put("source", "it").toString();
    }

    private static Path publishCheckpoint(int version) throws Exception {
        Path adapterDir = Files.createDirectories(dir.resolve("adapters/v" + version));
        TinyModels.randomAdapter(base, version, 0.3).save(adapterDir);
        AdapterCheckpoint checkpoint = AdapterCheckpoint.newBuilder().setAdapterVersion(version).setRunId("it")
                .setUri(adapterDir.toUri().toString()).setBaseModel(base.name()).setExamples(10).setTokens(100)
                .setLoss(1.0).setCreatedAt(Instant.now()).build();
        send(TOPICS.checkpoints(), Integer.toString(version), checkpoint);
        return adapterDir;
    }

    private static <V> void send(TopicSpec<String, V> topic, String key, V value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
                    topic.valueSerde(SERDE).serializer().serialize(topic.name(), value))).get();
        }
    }

    private static Map<Integer, List<EvalMetric>> readMetrics() {
        Map<Integer, List<EvalMetric>> out = new TreeMap<>();
        var decoder = TOPICS.evalMetrics().valueSerde(SERDE).deserializer();
        for (ConsumerRecord<byte[], byte[]> r : readAll(TOPICS.evalMetrics().name())) {
            EvalMetric m = decoder.deserialize(r.topic(), r.headers(), r.value());
            out.computeIfAbsent(m.getAdapterVersion(), v -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /** Every committed record of a one-partition topic, up to its end now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.readCommittedConsumer(kafka.bootstrapServers(), null, Map.of()))) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = consumer.endOffsets(partitions).get(partitions.get(0));
            while (consumer.position(partitions.get(0)) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DlqHeaders.value(record.headers(), name).orElseThrow();
    }
}
