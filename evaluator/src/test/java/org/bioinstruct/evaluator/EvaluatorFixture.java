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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bioinstruct.evaluator.scoring.BaselineCache;
import org.bioinstruct.evaluator.scoring.ModelChecksum;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.testkit.TempDirs;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the evaluator ITs share: a KRaft broker with the evaluator's topics, the tiny base model in a temp dir,
 * EVAL manifests and adapter checkpoints to publish, the published metrics to read, and a loop run until a
 * condition on those metrics holds and the loop is idle.
 */
final class EvaluatorFixture implements BeforeAllCallback, AfterAllCallback {
    static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final Map<String, Object> serde;
    private final SingleNodeKafka kafka = SingleNodeKafka.perClass();
    private Path dir;
    private BaseModel base;

    /** On a static {@code @RegisterExtension} field: set up before the class's first test, torn down after its last. */
    EvaluatorFixture(String registry) {
        this.registry = registry;
        this.serde = Map.of("schema.registry.url", registry);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = TempDirs.create(context, "evaluator-it");
        kafka.beforeAll(context);
        kafka.createTopics(TOPICS.shardsReady(), TOPICS.checkpoints(), TOPICS.evalMetrics(), TOPICS.dlq());
        base = TinyModels.base(dir.resolve("models/base"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        kafka.afterAll(context);
    }

    SingleNodeKafka kafka() {
        return kafka;
    }

    /** The data dir of the evaluator runs: shards/, adapters/, models/base. */
    Path dir() {
        return dir;
    }

    /** Settings on this broker and data dir, polling every 200 ms, with {@code extra} on top. */
    EvaluatorSettings settings(int maxNewTokens, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", registry,
                "data.dir", dir.toString(),
                EvaluatorSettings.MAX_NEW_TOKENS, Integer.toString(maxNewTokens),
                EvaluatorSettings.POLL_MS, "200"));
        values.putAll(extra);
        return EvaluatorSettings.from(Settings.of(values), Map.of());
    }

    /**
     * Runs a loop until the published metrics satisfy {@code done} and it has nothing left to do (a wrongly
     * repeated evaluation would show up before then), then stops it; fails if the loop died.
     */
    void runUntil(EvaluatorSettings settings, Predicate<Map<Integer, List<EvalMetric>>> done) throws Exception {
        List<Suite> benchmarks = new ArrayList<>();
        settings.benchmarks().forEach((format, file) -> benchmarks.add(format.read(file)));
        BaselineCache cache = new BaselineCache(settings.stateDir(), ModelChecksum.of(base.dir()), settings.maxNewTokens());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, cache, settings.maxNewTokens(), Optional.empty());
             EvaluatorLoop loop = new EvaluatorLoop(settings, evaluator, benchmarks)) {
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
            awaitIdle(settings);
            loop.stop(Duration.ofSeconds(1));
            thread.join(60_000);
        }
        assertEquals(null, failure.get());
    }

    /** The loop committed every checkpoint published so far and has no transaction open. */
    private void awaitIdle(EvaluatorSettings settings) throws Exception {
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

    /** Writes the lines as shard {@code id} (gzipped or not) under shards/ and publishes its EVAL manifest. */
    Path publishEvalShard(String id, List<String> lines, boolean gzipped) throws Exception {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        String format = "jsonl";
        if (gzipped) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            bytes = out.toByteArray();
            format = "jsonl.gz";
        }
        Path file = Files.write(Files.createDirectories(dir.resolve("shards")).resolve(id + "." + format), bytes);
        publishEvalManifest(id, file, ShardFile.sha256(bytes), format, lines.size(), bytes.length);
        return file;
    }

    void publishEvalManifest(String id, Path file, String sha256, String format, int records, long bytes)
            throws Exception {
        ShardManifest manifest = ShardManifest.newBuilder().setShardId(id).setUri(file.toUri().toString())
                .setSplit(Split.EVAL).setFormat(format).setRecordCount(records).setSha256(sha256).setByteSize(bytes)
                .setCreatedAt(Instant.now()).build();
        kafka.send(TOPICS.shardsReady(), serde, id, manifest);
    }

    /** One shard line of the held-out set. */
    static String line(String id, String instruction, String input, String output, String category) {
        return JSON.createObjectNode().put("id", id).put("instruction", instruction).put("input", input)
                .put("output", output).put("category", category).put("source", "it").toString();
    }

    /** Saves a random adapter of the base model as version {@code version} and publishes its checkpoint. */
    Path publishCheckpoint(int version) throws Exception {
        Path adapterDir = Files.createDirectories(dir.resolve("adapters/v" + version));
        TinyModels.randomAdapter(base, version, 0.3).save(adapterDir);
        AdapterCheckpoint checkpoint = AdapterCheckpoint.newBuilder().setAdapterVersion(version).setRunId("it")
                .setUri(adapterDir.toUri().toString()).setBaseModel(base.name()).setExamples(10).setTokens(100)
                .setLoss(1.0).setCreatedAt(Instant.now()).build();
        kafka.send(TOPICS.checkpoints(), serde, Integer.toString(version), checkpoint);
        return adapterDir;
    }

    /** The committed EvalMetrics by adapter version. */
    Map<Integer, List<EvalMetric>> readMetrics() {
        Map<Integer, List<EvalMetric>> out = new TreeMap<>();
        var decoder = TOPICS.evalMetrics().valueSerde(serde).deserializer();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(TOPICS.evalMetrics().name())) {
            EvalMetric m = decoder.deserialize(r.topic(), r.headers(), r.value());
            out.computeIfAbsent(m.getAdapterVersion(), v -> new ArrayList<>()).add(m);
        }
        return out;
    }
}
