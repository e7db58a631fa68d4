package org.bioinstruct.infra.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bioinstruct.infra.cli.BioInstructCliAccess;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bioinstruct status}, {@code dlq inspect}, {@code dlq replay} and {@code seed-filter-state} against a real broker. */
@Tag("slow")
class OperatorCommandsIT {
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final String REGISTRY = InMemorySchemaRegistry.MOCK_SCHEME + "operator-commands-it";

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SingleNodeKafka kafka = SingleNodeKafka.perClass();
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = kafka.admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec<?, ?> spec : TOPICS.all()) {
                topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1));
            }
            topics.add(new NewTopic("replay-target", 1, (short) 1));
            admin.createTopics(topics).all().get();
        }
        config = Files.writeString(dir.resolve("cluster.properties"), String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(), "schema.registry.url=" + REGISTRY, ""));
        try (KafkaProducer<byte[], byte[]> producer = producer("seed")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(dead("raw-key-1", "not avro 1", "filter", TOPICS.raw().name(), 7, "WireFormatException"));
            producer.send(dead("raw-key-2", "not avro 2", "filter", TOPICS.raw().name(), 8, "WireFormatException"));
            producer.send(dead("acc-key-1", "bad accepted", "shard-builder", TOPICS.accepted().name(), 3,
                    "UnknownSchemaIdException"));
            producer.commitTransaction();
        }
    }

    @Test
    void dlqInspectPrintsRecordsWithTheirErrorHeadersUpToTheLimit() {
        String out = cli("dlq", "inspect", "--config", config.toString(), "--limit", "2");
        assertTrue(out.contains("source   " + TOPICS.raw().name() + "-0@7"), out);
        assertTrue(out.contains("stage    filter"), out);
        assertTrue(out.contains("error    org.example.WireFormatException: cannot decode raw-key-1"), out);
        assertTrue(out.contains("2 record(s) shown from " + TOPICS.dlq().name()), out);
        assertTrue(!out.contains("acc-key-1"), out);
    }

    @Test
    void dlqReplayRepublishesOriginalBytesToSourceTopicOrAGivenOneWithAReplayHeader() {
        String out = cli("dlq", "replay", "--config", config.toString(), "--filter", "stage=filter");
        assertTrue(out.contains("replayed 2 record(s)"), out);
        List<ConsumerRecord<byte[], byte[]>> raw = readAll(TOPICS.raw().name(), 2);
        assertEquals(List.of("not avro 1", "not avro 2"), raw.stream().map(r -> text(r.value())).sorted().toList());
        for (ConsumerRecord<byte[], byte[]> r : raw) {
            assertTrue(text(r.headers().lastHeader(DlqReplay.REPLAYED_FROM).value())
                    .startsWith(TOPICS.dlq().name() + "/0/"));
            assertEquals(null, r.headers().lastHeader(DlqHeaders.ERROR_CLASS));
        }

        cli("dlq", "replay", "--config", config.toString(), "--to", "replay-target",
                "--filter", "error-class=UnknownSchemaIdException");
        List<ConsumerRecord<byte[], byte[]>> target = readAll("replay-target", 1);
        assertEquals(1, target.size());
        assertArrayEquals(bytes("acc-key-1"), target.get(0).key());
        assertArrayEquals(bytes("bad accepted"), target.get(0).value());
    }

    @Test
    void statusShowsStagesLagPerGroupLastAdapterAndLastMetric() throws Exception {
        Map<String, Object> serde = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
        AdapterCheckpoint checkpoint = AdapterCheckpoint.newBuilder().setAdapterVersion(3).setParentVersion(2)
                .setRunId("run-1").setUri("file:///adapters/v3").setBaseModel("tiny").setNewShardIds(List.of("s3"))
                .setShardIds(List.of("s1", "s2", "s3")).setExamples(300).setTokens(9000).setLoss(1.25)
                .setCreatedAt(Instant.now()).build();
        EvalMetric metric = EvalMetric.newBuilder().setAdapterVersion(3).setRunId("run-1").setSuite("held-out")
                .setTask("qa").setMetric("accuracy").setValue(0.62).setBaseline(0.5).setGain(0.24).setN(50)
                .setEvalShardIds(List.of("e1")).setTimestamp(Instant.now()).build();
        try (KafkaProducer<byte[], byte[]> producer = producer("status")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPICS.checkpoints().name(), bytes("3"), TOPICS.checkpoints()
                    .valueSerde(serde).serializer().serialize(TOPICS.checkpoints().name(), checkpoint)));
            producer.send(new ProducerRecord<>(TOPICS.evalMetrics().name(), bytes("3"), TOPICS.evalMetrics()
                    .valueSerde(serde).serializer().serialize(TOPICS.evalMetrics().name(), metric)));
            producer.commitTransaction();
        }
        try (Admin admin = kafka.admin()) {
            admin.alterConsumerGroupOffsets("ops-it-evaluator", Map.of(
                    new TopicPartition(TOPICS.checkpoints().name(), 0), new OffsetAndMetadata(0))).all().get();
        }
        String out = cli("status", "--config", config.toString());
        assertTrue(out.contains("cluster  " + kafka.bootstrapServers()), out);
        // a row per stage; whether one runs depends on the host (other runs of the project), not on this test
        assertTrue(out.matches("(?s).*trainer\\s+(not running|running).*"), out);
        // one checkpoint plus its transaction marker lie past the group's committed offset 0
        assertTrue(out.matches("(?s).*ops-it-evaluator\\s+2\\s+0.*"), out);
        assertTrue(out.contains("last adapter  v3 (parent v2, 3 shard(s), 300 examples, loss 1.2500)"), out);
        assertTrue(out.contains("last metric   v3 held-out/qa accuracy = 0.6200 (baseline 0.5000, gain +24.0%)"), out);
    }

    @Test
    void seedFilterStateRunsTheFilterSeederAgainstTheConfiguredCluster() throws Exception {
        String out = cli("seed-filter-state", "--config", config.toString(),
                "--set", "filter.application.id=ops-it-filter", "--set", "filter.seed.group.wait.ms=0");
        assertTrue(out.contains("seeded the filter's duplicate-check state: read 0 accepted and 0 near-duplicate "
                + "rejections (0 undecodable, skipped); wrote 0 content hashes and 0 accepted texts"), out);
        try (Admin admin = kafka.admin()) {
            assertTrue(admin.listTopics().names().get().containsAll(List.of("ops-it-filter-seen-content-changelog",
                    "ops-it-filter-accepted-texts-changelog")), "the changelogs the filter will restore from");
        }
    }

    private static ProducerRecord<byte[], byte[]> dead(String key, String value, String stage, String source,
                                                       long offset, String errorSimpleName) {
        RecordHeaders headers = new RecordHeaders();
        DlqHeaders.addSource(headers, source, 0, offset);
        DlqHeaders.addError(headers, stage, "org.example." + errorSimpleName, "cannot decode " + key);
        return new ProducerRecord<>(TOPICS.dlq().name(), null, bytes(key), bytes(value), headers);
    }

    private static KafkaProducer<byte[], byte[]> producer(String id) {
        return new KafkaProducer<>(KafkaClientConfigs.transactionalProducer(kafka.bootstrapServers(),
                "ops-it-" + id, Map.of()));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientConfigs.readCommittedConsumer(
                kafka.bootstrapServers(), null, Map.of()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
            }
        }
        return out;
    }

    private static String cli(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = BioInstructCliAccess.execute(args);
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        return text;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
