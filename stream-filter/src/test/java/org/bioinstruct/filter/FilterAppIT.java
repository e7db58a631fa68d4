package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter against a real single-node KRaft broker, exactly-once v2, raw topic with four partitions. */
class FilterAppIT {
    private static final String REGISTRY = "mock://filter-it";
    private static final Map<String, Object> SERDE_CONFIG = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final List<String> DRUGS = List.of("metformin", "lisinopril", "warfarin", "omeprazole", "sertraline",
            "albuterol", "allopurinol", "imatinib", "tamoxifen", "donepezil");
    private static final int UNIQUE = 200;
    private static final int DUPLICATES = 40;
    private static final int INVALID = 30;
    private static final int GARBAGE = 3;
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("min.insync.replicas", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void reconcilesEveryRawRecordAndRejectsDuplicatesAcrossPartitions(@TempDir Path stateDir) throws Exception {
        try (FilterApp app = new FilterApp(Settings.fromArgs(
                "bootstrap.servers=" + cluster.bootstrapServers(),
                "schema.registry.url=" + REGISTRY,
                "filter.state.dir=" + stateDir,
                "filter.commit.interval.ms=100",
                "filter.summary.interval.ms=1000"))) {
            app.start();
            List<RawInstruction> originals = produceRawTopic();

            List<ConsumerRecord<String, AcceptedInstruction>> accepted = new ArrayList<>();
            List<ConsumerRecord<String, RejectedInstruction>> rejected = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            readCommitted(accepted, rejected, dead, UNIQUE + DUPLICATES + INVALID, GARBAGE);

            assertEquals(UNIQUE, accepted.size(), "accepted");
            assertEquals(DUPLICATES + INVALID, rejected.size(), "rejected");
            assertEquals(GARBAGE, dead.size(), "dead-lettered");

            Set<String> outputIds = new HashSet<>();
            accepted.forEach(r -> assertTrue(outputIds.add(r.key()), "twice: " + r.key()));
            rejected.forEach(r -> assertTrue(outputIds.add(r.key()), "twice: " + r.key()));
            assertEquals(UNIQUE + DUPLICATES + INVALID, outputIds.size());

            Map<String, Long> reasons = new HashMap<>();
            rejected.forEach(r -> reasons.merge(r.value().getReason(), 1L, Long::sum));
            assertEquals(DUPLICATES, reasons.get("DUPLICATE_EXACT"), reasons.toString());

            Set<String> acceptedIds = new HashSet<>();
            accepted.forEach(r -> acceptedIds.add(r.key()));
            Map<String, RejectedInstruction> rejectedById = new HashMap<>();
            rejected.forEach(r -> rejectedById.put(r.key(), r.value()));
            for (int i = 0; i < DUPLICATES; i++) {
                String originalId = originals.get(i).getId();
                String copyId = copyId(i);
                boolean originalFirst = acceptedIds.contains(originalId);
                String keptId = originalFirst ? originalId : copyId;
                String droppedId = originalFirst ? copyId : originalId;
                assertTrue(acceptedIds.contains(keptId), "one of each pair is accepted: " + keptId);
                assertEquals("DUPLICATE_EXACT", rejectedById.get(droppedId).getReason());
                assertEquals(keptId, rejectedById.get(droppedId).getNearestId());
            }
        }
    }

    private static List<RawInstruction> produceRawTopic() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
        List<RawInstruction> originals = new ArrayList<>();
        try (KafkaProducer<String, RawInstruction> producer = new KafkaProducer<>(config,
                TOPICS.raw().keySerde(SERDE_CONFIG).serializer(), TOPICS.raw().valueSerde(SERDE_CONFIG).serializer());
             KafkaProducer<byte[], byte[]> bytes = new KafkaProducer<>(config, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            for (int i = 0; i < UNIQUE; i++) {
                String drug = DRUGS.get(i % DRUGS.size());
                RawInstruction task = task("orig-" + i, "Summarize the following note about patient " + i + ".",
                        "Patient " + i + " takes " + drug + " daily.", "Patient " + i + " is on " + drug + ".");
                originals.add(task);
                producer.send(new ProducerRecord<>(TOPICS.raw().name(), task.getId(), task));
            }
            for (int i = 0; i < DUPLICATES; i++) {
                RawInstruction original = originals.get(i);
                RawInstruction copy = task(copyId(i), original.getInstruction().toUpperCase(),
                        original.getInput() + "  ", "A different wording of the answer.");
                producer.send(new ProducerRecord<>(TOPICS.raw().name(), copy.getId(), copy));
            }
            for (int i = 0; i < INVALID; i++) {
                RawInstruction bad = task("bad-" + i, "Draw a diagram for patient " + i + ".", "", "A picture.");
                producer.send(new ProducerRecord<>(TOPICS.raw().name(), bad.getId(), bad));
            }
            for (int i = 0; i < GARBAGE; i++) {
                bytes.send(new ProducerRecord<>(TOPICS.raw().name(), ("junk-" + i).getBytes(StandardCharsets.UTF_8),
                        new byte[] {9, 9, 9, (byte) i}));
            }
            producer.flush();
            bytes.flush();
        }
        return originals;
    }

    private static void readCommitted(List<ConsumerRecord<String, AcceptedInstruction>> accepted,
                                      List<ConsumerRecord<String, RejectedInstruction>> rejected,
                                      List<ConsumerRecord<byte[], byte[]>> dead, int decided, int garbage) {
        try (KafkaConsumer<String, AcceptedInstruction> acceptedConsumer = consumer(
                TOPICS.accepted().valueSerde(SERDE_CONFIG).deserializer(), TOPICS.accepted().name());
             KafkaConsumer<String, RejectedInstruction> rejectedConsumer = consumer(
                     TOPICS.rejected().valueSerde(SERDE_CONFIG).deserializer(), TOPICS.rejected().name());
             KafkaConsumer<byte[], byte[]> dlqConsumer = new KafkaConsumer<>(consumerConfig(),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            dlqConsumer.subscribe(List.of(TOPICS.dlq().name()));
            Instant deadline = Instant.now().plusSeconds(90);
            while ((accepted.size() + rejected.size() < decided || dead.size() < garbage)
                    && Instant.now().isBefore(deadline)) {
                acceptedConsumer.poll(Duration.ofMillis(200)).forEach(accepted::add);
                rejectedConsumer.poll(Duration.ofMillis(200)).forEach(rejected::add);
                dlqConsumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            }
            // anything beyond the expected counts would be a double count: give it a moment to show up
            Instant settle = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(settle)) {
                acceptedConsumer.poll(Duration.ofMillis(200)).forEach(accepted::add);
                rejectedConsumer.poll(Duration.ofMillis(200)).forEach(rejected::add);
                dlqConsumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            }
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(Deserializer<V> values, String topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerConfig(),
                TOPICS.accepted().keySerde(SERDE_CONFIG).deserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "filter-it-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private static String copyId(int i) {
        return "copy-" + i;
    }

    private static RawInstruction task(String id, String instruction, String input, String output) {
        return RawInstruction.newBuilder()
                .setId(id)
                .setRunId("it")
                .setInstruction(instruction)
                .setInput(input)
                .setOutput(output)
                .setProposedCategory(Category.GEN)
                .setSource("test")
                .setPromptVersion(null)
                .setSeedIds(List.of())
                .setCreatedAt(Instant.now())
                .build();
    }
}
