package org.bioinstruct.filter;

import static org.bioinstruct.filter.TestTasks.task;
import static org.bioinstruct.filter.TestTasks.words;
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
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter against a real single-node KRaft broker, exactly-once v2, raw topic with four partitions and
 * two app instances: exact and near duplicates planted on a different partition than their originals are
 * all caught, and every raw record is accounted for exactly once; and a restarted instance resumes at once.
 */
class FilterAppIT {
    private static final String REGISTRY = "mock://filter-it";
    private static final Map<String, Object> SERDE_CONFIG = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final int PARTITIONS = 4;
    private static final int UNIQUE = 200;
    private static final int EXACT_COPIES = 30;
    private static final int NEAR_COPIES = 30;
    private static final int INVALID = 20;
    private static final int GARBAGE = 3;
    private static final String RESTART_APPLICATION_ID = "restart-it";
    @RegisterExtension
    static final SingleNodeKafka cluster = SingleNodeKafka.perClass();

    @BeforeAll
    static void createTopics() throws Exception {
        try (var admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPICS.raw().name(), PARTITIONS, (short) 1))).all().get();
        }
    }

    @Test
    void twoInstancesCatchEveryDuplicatePlantedOnAnotherPartition(@TempDir Path stateDir) throws Exception {
        try (FilterApp first = app(stateDir.resolve("a")); FilterApp second = app(stateDir.resolve("b"))) {
            first.start();
            second.start();
            assertTrue(InMemorySchemaRegistry.scope("filter-it").subjects().containsKey(
                    "bioinstruct-filter-dedup-repartition-value"), "repartition schema registered at start-up");
            List<RawInstruction> originals = produceRawTopic();

            List<ConsumerRecord<String, AcceptedInstruction>> accepted = new ArrayList<>();
            List<ConsumerRecord<String, RejectedInstruction>> rejected = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            readCommitted(accepted, rejected, dead, UNIQUE + EXACT_COPIES + NEAR_COPIES + INVALID, GARBAGE);

            assertEquals(UNIQUE, accepted.size(), "accepted");
            assertEquals(EXACT_COPIES + NEAR_COPIES + INVALID, rejected.size(), "rejected");
            assertEquals(GARBAGE, dead.size(), "dead-lettered");

            Set<String> outputIds = new HashSet<>();
            accepted.forEach(r -> assertTrue(outputIds.add(r.key()), "twice: " + r.key()));
            rejected.forEach(r -> assertTrue(outputIds.add(r.key()), "twice: " + r.key()));

            Set<String> acceptedIds = new HashSet<>();
            accepted.forEach(r -> acceptedIds.add(r.key()));
            Map<String, RejectedInstruction> rejectedById = new HashMap<>();
            rejected.forEach(r -> rejectedById.put(r.key(), r.value()));
            assertPairs(originals, "exact-", EXACT_COPIES, 0, "DUPLICATE_EXACT", acceptedIds, rejectedById);
            assertPairs(originals, "near-", NEAR_COPIES, EXACT_COPIES, "DUPLICATE_NEAR", acceptedIds, rejectedById);
        }
    }

    /**
     * An instance that stops without leaving its consumer group, as a killed one does, and starts again on the same
     * state directory: with static membership (the default) it takes over its old member and goes on filtering at
     * once; a dynamic member would first wait for the group to drop the old one after the session timeout, set to
     * 2 minutes here, longer than the test waits for the second task. Topics and application id of its own.
     */
    @Test
    void restartedInstanceTakesOverItsMemberWithoutWaitingOutTheSessionTimeout(@TempDir Path stateDir)
            throws Exception {
        Settings settings = Settings.fromArgs(
                "bootstrap.servers=" + cluster.bootstrapServers(),
                "schema.registry.url=" + REGISTRY,
                "filter.application.id=" + RESTART_APPLICATION_ID,
                "filter.state.dir=" + stateDir,
                "filter.commit.interval.ms=100",
                FilterSettings.LEAVE_GROUP_ON_CLOSE + "=false",
                "kafka.session.timeout.ms=120000",
                "topic.raw=restart.raw",
                "topic.accepted=restart.accepted",
                "topic.rejected=restart.rejected",
                "topic.dlq=restart.dlq");
        FilterTopicsIO io = new FilterTopicsIO(cluster, SERDE_CONFIG,
                TopicCatalogue.from(settings));
        Random random = new Random(5);
        try (FilterApp first = new FilterApp(settings)) {
            first.start();
            io.produce(List.of(TestTasks.task("before", "Explain " + TestTasks.words(random, 9) + ".", "", "Answer.")));
            assertEquals(List.of("before"), io.acceptedIds(1));
        }

        try (FilterApp second = new FilterApp(settings)) {
            second.start();
            io.produce(List.of(TestTasks.task("after", "Summarize " + TestTasks.words(random, 9) + ".", "", "Answer.")));
            assertEquals(List.of("before", "after"), io.acceptedIds(2), "filtered within " + FilterTopicsIO.WAIT);
            assertEquals(List.of(GroupInstanceId.of(stateDir) + "-1"), memberInstanceIds());
        }
    }

    private static List<String> memberInstanceIds() throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeConsumerGroups(List.of(RESTART_APPLICATION_ID)).describedGroups()
                    .get(RESTART_APPLICATION_ID).get().members().stream().map(MemberDescription::groupInstanceId).map(id -> id.orElse("(dynamic)"))
                    .toList();
        }
    }

    /** Of each original and its copy exactly one is accepted; the other is rejected naming it. */
    private static void assertPairs(List<RawInstruction> originals, String prefix, int count, int offset, String reason,
                                    Set<String> acceptedIds, Map<String, RejectedInstruction> rejectedById) {
        for (int i = 0; i < count; i++) {
            String originalId = originals.get(offset + i).getId();
            String copyId = prefix + i;
            String keptId = acceptedIds.contains(originalId) ? originalId : copyId;
            String droppedId = keptId.equals(originalId) ? copyId : originalId;
            assertTrue(acceptedIds.contains(keptId), "one of each pair is accepted: " + keptId);
            RejectedInstruction dropped = rejectedById.get(droppedId);
            assertEquals(reason, dropped.getReason(), dropped.toString());
            assertEquals(keptId, dropped.getNearestId());
            assertTrue(dropped.getSimilarity() > 0.7, dropped.toString());
        }
    }

    private static FilterApp app(Path stateDir) {
        return new FilterApp(Settings.fromArgs(
                "bootstrap.servers=" + cluster.bootstrapServers(),
                "schema.registry.url=" + REGISTRY,
                "filter.state.dir=" + stateDir,
                "filter.commit.interval.ms=100",
                "filter.summary.interval.ms=1000"));
    }

    /** Originals on partition 0 and 1, their copies on partitions 2 and 3. */
    private static List<RawInstruction> produceRawTopic() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
        Random random = new Random(4);
        List<RawInstruction> originals = new ArrayList<>();
        try (KafkaProducer<String, RawInstruction> producer = new KafkaProducer<>(config,
                TOPICS.raw().keySerde(SERDE_CONFIG).serializer(), TOPICS.raw().valueSerde(SERDE_CONFIG).serializer());
             KafkaProducer<byte[], byte[]> bytes = new KafkaProducer<>(config, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            for (int i = 0; i < UNIQUE; i++) {
                RawInstruction task = task("orig-" + i, "Explain " + words(random, 9) + ".", words(random, 12),
                        "Answer " + i + ".");
                originals.add(task);
                send(producer, i % 2, task);
            }
            for (int i = 0; i < EXACT_COPIES; i++) {
                RawInstruction original = originals.get(i);
                send(producer, 2 + i % 2, task("exact-" + i, original.getInstruction().toUpperCase(),
                        original.getInput() + "  ", "A different wording of the answer."));
            }
            for (int i = 0; i < NEAR_COPIES; i++) {
                RawInstruction original = originals.get(EXACT_COPIES + i);
                send(producer, 2 + i % 2, task("near-" + i, "Please " + original.getInstruction().toLowerCase(),
                        original.getInput(), "Another answer."));
            }
            for (int i = 0; i < INVALID; i++) {
                send(producer, i % PARTITIONS, task("bad-" + i, "Draw a diagram of " + words(random, 4) + ".", "",
                        "A picture."));
            }
            for (int i = 0; i < GARBAGE; i++) {
                bytes.send(new ProducerRecord<>(TOPICS.raw().name(), i % PARTITIONS,
                        ("junk-" + i).getBytes(StandardCharsets.UTF_8), new byte[] {9, 9, 9, (byte) i}));
            }
            producer.flush();
            bytes.flush();
        }
        return originals;
    }

    private static void send(KafkaProducer<String, RawInstruction> producer, int partition, RawInstruction task) {
        producer.send(new ProducerRecord<>(TOPICS.raw().name(), partition, task.getId(), task));
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
            Instant deadline = Instant.now().plusSeconds(120);
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
}
