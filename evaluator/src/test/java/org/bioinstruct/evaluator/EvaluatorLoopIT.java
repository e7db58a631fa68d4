package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bioinstruct.evaluator.scoring.BaselineCache;
import org.bioinstruct.evaluator.scoring.ModelChecksum;
import org.bioinstruct.evaluator.suite.BenchmarkFormat;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From AdapterCheckpoint to published EvalMetrics on a real KRaft broker, with the project's tiny model: every
 * version evaluated once, nothing republished after a restart, and only the newest of a backlog evaluated when
 * skipping is on.
 */
class EvaluatorLoopIT {
    static final String REGISTRY = "mock://evaluator-loop-it";
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
                topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1));
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
    void evaluatesEachCheckpointOnceAcrossRestartsAndSkipsToTheNewestWhenAsked() throws Exception {
        publishEvalShard();
        publishCheckpoint(1);
        publishCheckpoint(2);
        Path medNli = Path.of(getClass().getResource("/benchmarks/mednli.jsonl").toURI());
        EvaluatorSettings settings = settings(Map.of("evaluator.benchmark.mednli", medNli.toString()));

        runUntil(settings, versions -> versions.keySet().containsAll(List.of(1, 2)));
        Map<Integer, List<EvalMetric>> first = readMetrics();
        assertEquals(List.of(1, 2), List.copyOf(first.keySet()));
        EvalMetric qa = first.get(1).stream().filter(m -> m.getSuite().equals("heldout") && m.getCategory() == Category.QA
                && m.getTask().equals("multiple_choice") && m.getMetric().equals("acc")).findFirst().orElseThrow();
        assertEquals(2, qa.getN());
        assertEquals(List.of("eval-000001"), qa.getEvalShardIds());
        assertTrue(first.get(1).stream().anyMatch(m -> m.getSuite().equals("mednli")));
        for (EvalMetric m : first.get(1)) {
            assertEquals(m.getBaseline() == 0 ? 0 : (m.getValue() - m.getBaseline()) / m.getBaseline(), m.getGain(), 1e-12);
        }
        int perVersion = first.get(1).size();
        assertEquals(perVersion, first.get(2).size());
        // the base model ran once per item: v2 reused v1's baseline
        assertEquals(first.get(1).stream().map(EvalMetric::getBaseline).toList(),
                first.get(2).stream().map(EvalMetric::getBaseline).toList());

        publishCheckpoint(3);
        publishCheckpoint(4);
        publishCheckpoint(5);
        EvaluatorSettings skipping = settings(Map.of("evaluator.benchmark.mednli", medNli.toString(),
                EvaluatorSettings.SKIP_TO_NEWEST, "true"));
        runUntil(skipping, versions -> versions.containsKey(5));
        Map<Integer, List<EvalMetric>> after = readMetrics();
        assertEquals(List.of(1, 2, 5), List.copyOf(after.keySet()), "3 and 4 skipped, 1 and 2 not republished");
        after.values().forEach(metrics -> assertEquals(perVersion, metrics.size()));
    }

    private EvaluatorSettings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", REGISTRY,
                "data.dir", dir.toString(),
                EvaluatorSettings.MAX_NEW_TOKENS, "6",
                EvaluatorSettings.POLL_MS, "200"));
        values.putAll(extra);
        return EvaluatorSettings.from(Settings.of(values), Map.of());
    }

    private static void runUntil(EvaluatorSettings settings, java.util.function.Predicate<Map<Integer, List<EvalMetric>>> done)
            throws Exception {
        List<Suite> benchmarks = new ArrayList<>();
        settings.benchmarks().forEach((format, file) -> benchmarks.add(format.read(file)));
        BaselineCache cache = new BaselineCache(settings.stateDir(), ModelChecksum.of(base.dir()), settings.maxNewTokens());
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, cache, settings.maxNewTokens(), Optional.empty());
             EvaluatorLoop loop = new EvaluatorLoop(settings, evaluator, benchmarks)) {
            Thread thread = new Thread(loop::run, "evaluator-loop");
            thread.start();
            Await.value("the awaited metrics", Duration.ofSeconds(120), Duration.ofMillis(300),
                    EvaluatorLoopIT::readMetrics, done);
            // a wrongly repeated evaluation would show up before the loop is idle
            awaitIdle(settings);
            loop.stop(Duration.ofSeconds(1));
            thread.join(60_000);
        }
    }

    /** The loop committed every checkpoint published so far and has no transaction open: it has nothing left to do. */
    private static void awaitIdle(EvaluatorSettings settings) throws Exception {
        TopicPartition checkpoints = new TopicPartition(TOPICS.checkpoints().name(), 0);
        try (Admin admin = kafka.admin()) {
            long end = admin.listOffsets(Map.of(checkpoints, OffsetSpec.latest())).partitionResult(checkpoints).get()
                    .offset();
            kafka.awaitCommittedOffset(settings.groupId(), checkpoints.topic(), end, Duration.ofSeconds(60));
            String transactionalId = settings.transactionalId();
            Await.until("no open transaction of " + transactionalId, Duration.ofSeconds(60), () -> admin
                    .describeTransactions(List.of(transactionalId)).description(transactionalId).get().state()
                    != TransactionState.ONGOING);
        }
    }

    private static Map<Integer, List<EvalMetric>> readMetrics() {
        Map<Integer, List<EvalMetric>> out = new TreeMap<>();
        var decoder = TOPICS.evalMetrics().valueSerde(SERDE).deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.readCommittedConsumer(kafka.bootstrapServers(), null, Map.of()))) {
            var partitions = consumer.partitionsFor(TOPICS.evalMetrics().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    EvalMetric m = decoder.deserialize(r.topic(), r.headers(), r.value());
                    out.computeIfAbsent(m.getAdapterVersion(), v -> new ArrayList<>()).add(m);
                }
            }
        }
        return out;
    }

    private static void publishEvalShard() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(line("h1", "Is aspirin an NSAID? Answer yes or no.", "", "Yes", "QA"));
        lines.add(line("h2", "Select the statin.", "A. metformin\nB. atorvastatin", "B. atorvastatin", "QA"));
        lines.add(line("h3", "Extract the drug names.", "Pt on metformin and aspirin.", "metformin, aspirin", "IE"));
        lines.add(line("h4", "Summarize the note.", "Fever and cough for 3 days.", "Three days of fever and cough.", "GEN"));
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(Files.createDirectories(dir.resolve("shards")).resolve("eval-000001.jsonl"), bytes);
        ShardManifest manifest = ShardManifest.newBuilder().setShardId("eval-000001").setUri(file.toUri().toString())
                .setSplit(Split.EVAL).setRecordCount(lines.size()).setSha256(ShardFile.sha256(bytes))
                .setByteSize(bytes.length).setCreatedAt(Instant.now()).build();
        send(TOPICS.shardsReady(), "eval-000001", manifest);
    }

    private static String line(String id, String instruction, String input, String output, String category) {
        return JSON.createObjectNode().put("id", id).put("instruction", instruction).put("input", input)
                .put("output", output).put("category", category).put("source", "it").toString();
    }

    private static void publishCheckpoint(int version) throws Exception {
        Path adapterDir = Files.createDirectories(dir.resolve("adapters/v" + version));
        TinyModels.randomAdapter(base, version, 0.3).save(adapterDir);
        AdapterCheckpoint checkpoint = AdapterCheckpoint.newBuilder().setAdapterVersion(version).setRunId("it")
                .setUri(adapterDir.toUri().toString()).setBaseModel(base.name()).setExamples(10).setTokens(100)
                .setLoss(1.0).setCreatedAt(Instant.now()).build();
        send(TOPICS.checkpoints(), Integer.toString(version), checkpoint);
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
}
