package org.bioinstruct.infra.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.registry.BrokerAndRegistry;
import org.bioinstruct.infra.registry.SchemaRegistryServer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.ConfluentSchemaRegistry;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every stage checks the value schemas of the topics it writes with the project's registry server at start-up,
 * each stage its own JVM from the packaged modules (run by {@code mvn verify}, after every module's
 * {@code package}): a subject already holding an incompatible schema stops the stage before it consumes or
 * produces anything, with exit code 1 and one line naming topic, subject and the registry's 409; a subject whose
 * newer schema only adds optional fields with defaults lets it start and work.
 */
@Tag("slow")
class StageSchemaCheckIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
    private static final Map<String, Schema> VALUE_SCHEMAS = Map.of(
            "raw", RawInstruction.getClassSchema(),
            "accepted", AcceptedInstruction.getClassSchema(),
            "rejected", RejectedInstruction.getClassSchema(),
            "shards", ShardManifest.getClassSchema(),
            "checkpoints", AdapterCheckpoint.getClassSchema(),
            "training-metrics", TrainingMetric.getClassSchema(),
            "eval-metrics", EvalMetric.getClassSchema());
    /** The topic whose subject is made incompatible, per stage: for the trainer its second output. */
    private static final Map<Stage, String> REFUSED_ROLE = Map.of(
            Stage.GENERATOR, "raw",
            Stage.SHARD_BUILDER, "shards",
            Stage.TRAINER, "training-metrics",
            Stage.EVALUATOR, "eval-metrics");

    private static BrokerAndRegistry stack;
    private static SingleNodeKafka cluster;
    private static SchemaRegistryServer server;
    private static ConfluentSchemaRegistry registry;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        stack = BrokerAndRegistry.start("_schemas_stage_check");
        cluster = stack.kafka();
        server = stack.server();
        registry = new ConfluentSchemaRegistry(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"GENERATOR", "SHARD_BUILDER", "TRAINER", "EVALUATOR"})
    void stageFailsAtStartUpNamingTopicSubjectAndReasonWhenItsOutputSchemaIsIncompatible(Stage stage)
            throws Exception {
        Map<String, String> settings = settings("refused-" + stage.cliName());
        TopicSpec<?, ?> refused = topic(settings, REFUSED_ROLE.get(stage));
        registry.register(refused.name() + "-value", incompatibleVersionOf(VALUE_SCHEMAS.get(refused.role())));

        try (JvmProcess process = new StageLauncher(ProjectLayout.detect(), dataDir).start(stage, settings)) {
            assertEquals(1, process.waitFor(EXIT_TIMEOUT), process.logTail(30));
            assertRefusalLogged(process, refused);
        }
        assertEquals(0, recordsWritten(refused.name()), "nothing reaches " + refused.name());
    }

    @Test
    void filterFailsAtStartUpBeforeConsumingWhenTheRejectedSchemaIsIncompatible() throws Exception {
        Map<String, String> settings = settings("refused-filter");
        StageLauncher launcher = new StageLauncher(ProjectLayout.detect(), dataDir);
        generate(launcher, settings, 20);
        TopicSpec<?, ?> accepted = topic(settings, "accepted");
        TopicSpec<?, ?> rejected = topic(settings, "rejected");
        registry.register(rejected.name() + "-value", incompatibleVersionOf(RejectedInstruction.getClassSchema()));

        try (JvmProcess filter = launcher.start(Stage.FILTER, settings)) {
            assertEquals(1, filter.waitFor(EXIT_TIMEOUT), filter.logTail(30));
            assertRefusalLogged(filter, rejected);
        }
        assertEquals(0, recordsWritten(accepted.name()));
        assertEquals(0, recordsWritten(rejected.name()));
        try (Admin admin = cluster.admin()) {
            assertTrue(admin.listConsumerGroupOffsets(settings.get("filter.application.id"))
                    .partitionsToOffsetAndMetadata().get().isEmpty(), "the filter consumed nothing");
        }
    }

    @Test
    void generatorAndFilterStartAndWorkWhenTheirSchemasOnlyAddOptionalFieldsWithDefaults() throws Exception {
        Map<String, String> settings = settings("compatible");
        TopicSpec<?, ?> raw = topic(settings, "raw");
        TopicSpec<?, ?> accepted = topic(settings, "accepted");
        TopicSpec<?, ?> rejected = topic(settings, "rejected");
        registry.register(raw.name() + "-value", without(RawInstruction.getClassSchema(), "promptVersion"));
        registry.register(accepted.name() + "-value", without(AcceptedInstruction.getClassSchema(), "nearestId"));
        registry.register(rejected.name() + "-value", without(RejectedInstruction.getClassSchema(), "similarity"));
        StageLauncher launcher = new StageLauncher(ProjectLayout.detect(), dataDir);

        generate(launcher, settings, 20);

        assertEquals(20, recordsWritten(raw.name()));
        assertEquals("[1,2]", versions(raw.name() + "-value"), "the generator's schema became version 2");
        try (JvmProcess filter = launcher.start(Stage.FILTER, settings)) {
            long filtered = awaitCommitted(List.of(accepted.name(), rejected.name()), 20, filter);
            assertEquals(20, filtered, filter.logTail(30));
        }
        assertEquals("[1,2]", versions(accepted.name() + "-value"));
    }

    private static void assertRefusalLogged(JvmProcess process, TopicSpec<?, ?> topic) throws Exception {
        String log = Files.readString(process.log());
        String type = VALUE_SCHEMAS.get(topic.role()).getName();
        assertTrue(log.contains("cannot start: value schema " + type + " of topic '" + topic.name() + "' (subject '"
                + topic.name() + "-value') not accepted: registry refused schema for subject '" + topic.name()
                + "-value' at " + server.url() + ": Schema being registered is incompatible"), log);
        assertTrue(log.contains("error code: 409"), log);
        assertFalse(log.contains("\tat "), "one clear line, no stack trace:\n" + log);
    }

    /** Every topic of the run renamed under {@code prefix}, so tests sharing the broker never meet. */
    private Map<String, String> settings(String prefix) {
        Map<String, String> settings = new HashMap<>();
        for (TopicSpec<?, ?> topic : TopicCatalogue.defaults().all()) {
            settings.put("topic." + topic.role(), prefix + "." + topic.role());
        }
        settings.put(CommonKeys.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
        settings.put(CommonKeys.SCHEMA_REGISTRY_URL, server.url());
        settings.put(CommonKeys.DATA_DIR, dataDir.toString());
        settings.put(CommonKeys.RUN_ID, prefix);
        settings.put("filter.application.id", prefix + "-filter");
        return settings;
    }

    private static TopicSpec<?, ?> topic(Map<String, String> settings, String role) {
        return TopicCatalogue.from(Settings.of(settings)).all().stream().filter(t -> t.role().equals(role))
                .findFirst().orElseThrow();
    }

    private static void generate(StageLauncher launcher, Map<String, String> settings, int count) throws Exception {
        Map<String, String> generator = new HashMap<>(settings);
        generator.put("generator.count", Integer.toString(count));
        try (JvmProcess process = launcher.start(Stage.GENERATOR, generator)) {
            assertEquals(0, process.waitFor(EXIT_TIMEOUT), process.logTail(30));
        }
    }

    /** An earlier version of the record that the current one cannot read: none of its required fields. */
    private static Schema incompatibleVersionOf(Schema current) {
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                List.of(new Schema.Field("legacyKey", Schema.create(Schema.Type.LONG))));
    }

    /** An earlier version lacking {@code field}, which the current one has as optional with a default. */
    private static Schema without(Schema current, String field) {
        assertTrue(current.getField(field).hasDefaultValue(), field + " must have a default for this test");
        List<Schema.Field> fields = current.getFields().stream().filter(f -> !f.name().equals(field))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static String versions(String subject) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/subjects/" + subject + "/versions")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().replace(" ", "");
    }

    /** Every record appended to {@code topic}, committed or aborted; 0 when it does not exist. */
    private static long recordsWritten(String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return 0;
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /**
     * Reads {@code topics} read_committed, once the stage has created them, until {@code expected} records
     * arrived, the stage died or 120 s passed.
     */
    private static long awaitCommitted(List<String> topics, int expected, JvmProcess stage) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        try (Admin admin = cluster.admin()) {
            Await.until("the stage created " + topics + " or died", Duration.ofSeconds(120), Duration.ofMillis(200),
                    () -> !stage.isAlive() || admin.listTopics().names().get().containsAll(topics));
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "stage-schema-check-" + String.join(",", topics),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Set.copyOf(topics));
            while (seen < expected && stage.isAlive() && Instant.now().isBefore(deadline)) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return seen;
    }
}
