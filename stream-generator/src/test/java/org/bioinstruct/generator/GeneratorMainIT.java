package org.bioinstruct.generator;

import org.bioinstruct.generator.synthetic.SyntheticBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bioinstruct.generator.llm.openai.FakeOpenAiServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The generator against a real single-node KRaft broker. */
class GeneratorMainIT {
    private static final String REGISTRY = "mock://generator-it";

    @RegisterExtension
    static final SingleNodeKafka cluster = SingleNodeKafka.perClass();

    @Test
    void producesTheSeededSequenceKeyedByIdAndExitsZero() throws Exception {
        GeneratorSettings config = GeneratorSettings.from(Settings.fromArgs(
                "bootstrap.servers=" + cluster.bootstrapServers(), "schema.registry.url=" + REGISTRY,
                "generator.count=150", "generator.seed=7", "run.id=it"));
        assertEquals(0, GeneratorMain.run(config));

        List<ConsumerRecord<String, RawInstruction>> records = readAll(cluster.bootstrapServers(), 150);
        assertEquals(150, records.size());
        assertEquals(150, records.stream().map(ConsumerRecord::key).distinct().count(), "each record exactly once");
        try (Admin admin = cluster.admin()) {
            String raw = config.topics().raw().name();
            assertEquals(4, admin.describeTopics(List.of(raw)).allTopicNames().get().get(raw).partitions().size());
        }
        records.sort((a, b) -> a.key().compareTo(b.key()));
        List<CandidateTask> expected = new SyntheticBackend(7).nextBatch(150);
        for (int i = 0; i < records.size(); i++) {
            RawInstruction record = records.get(i).value();
            assertEquals(RawInstructions.id("it", i + 1), records.get(i).key());
            assertEquals(records.get(i).key(), record.getId());
            assertEquals(expected.get(i), new CandidateTask(record.getInstruction(), record.getInput(),
                    record.getOutput(), record.getProposedCategory()));
            assertEquals("synthetic", record.getSource());
        }
    }

    @Test
    void selfInstructAgainstAnOpenAiCompatibleServerSendsEachTaskExactlyOnce() throws Exception {
        StringBuilder tasks = new StringBuilder("Here are the tasks:\n```json\n[");
        for (int i = 1; i <= 20; i++) {
            tasks.append(i > 1 ? "," : "").append(String.format(
                    "{\"instruction\": \"Name the drug class of compound number %d in the list.\", \"input\": \"\","
                            + " \"output\": \"class %d\", \"category\": \"question answering\"}", i, i));
        }
        tasks.append("]\n```");
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.then(FakeOpenAiServer.error(429, "slow down").withHeader("Retry-After", "1"))
                    .then(FakeOpenAiServer.ok("I cannot help with that."))
                    .otherwise(FakeOpenAiServer.ok(tasks.toString()));
            GeneratorSettings config = GeneratorSettings.from(Settings.fromArgs(
                    "bootstrap.servers=" + cluster.bootstrapServers(), "schema.registry.url=" + REGISTRY,
                    "generator.backend=openai", "generator.count=50", "run.id=llm", "topic.raw=llm-raw",
                    "llm.base.url=" + server.baseUrl(), "llm.model=test-model", "selfinstruct.parallel.requests=2"));

            assertEquals(0, GeneratorMain.run(config));

            List<ConsumerRecord<String, RawInstruction>> records = readAll(cluster.bootstrapServers(), "llm-raw", 50);
            assertEquals(50, records.stream().map(ConsumerRecord::key).distinct().count());
            RawInstruction first = records.get(0).value();
            assertEquals("llm:test-model", first.getSource());
            assertEquals("selfinstruct-v1", first.getPromptVersion());
            assertEquals(3, first.getSeedIds().size());
            assertTrue(first.getSeedIds().stream().allMatch(id -> id.startsWith("seed-")), first.getSeedIds().toString());
            assertEquals(org.bioinstruct.schemas.avro.Category.QA, first.getProposedCategory());
            assertTrue(server.requests().size() >= 5, "a 429, a useless answer, then three useful ones");
        }
    }

    @Test
    void importingTheSameFileTwiceRepeatsTheSameIds() throws Exception {
        String file = java.nio.file.Path.of(getClass().getResource("/corpus/mcqa-sample.jsonl").toURI()).toString();
        String[] args = {"bootstrap.servers=" + cluster.bootstrapServers(), "schema.registry.url=" + REGISTRY,
                "generator.backend=import", "generator.count=0", "import.format=mcqa", "import.file=" + file,
                "topic.raw=imports", "run.id=import-it"};
        assertEquals(0, GeneratorMain.run(GeneratorSettings.from(Settings.fromArgs(args))));
        assertEquals(0, GeneratorMain.run(GeneratorSettings.from(Settings.fromArgs(args))));

        List<ConsumerRecord<String, RawInstruction>> records = readAll(cluster.bootstrapServers(), "imports", 24);
        assertEquals(24, records.size(), "12 tasks, imported twice");
        assertEquals(12, records.stream().map(ConsumerRecord::key).distinct().count());
        assertEquals("corpus:mcqa:mcqa-sample.jsonl", records.get(0).value().getSource());
        assertEquals("mcqa-sample.jsonl", new String(records.get(0).headers().lastHeader(RawInstructions.HEADER_ORIGIN)
                .value(), java.nio.charset.StandardCharsets.UTF_8).split(":")[0]);
    }

    @Test
    void anImportThatYieldsNoTaskExitsNonZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("malformed.jsonl");
        Files.writeString(file, "not json\n{\"question\": \"no options or answer\"}\n");
        String[] args = {"bootstrap.servers=" + cluster.bootstrapServers(), "schema.registry.url=" + REGISTRY,
                "generator.backend=import", "generator.count=0", "import.format=mcqa", "import.file=" + file,
                "topic.raw=empty-imports", "run.id=import-empty"};
        assertEquals(1, GeneratorMain.run(GeneratorSettings.from(Settings.fromArgs(args))));
    }

    private static List<ConsumerRecord<String, RawInstruction>> readAll(String bootstrap, int expected) {
        return readAll(bootstrap, TopicCatalogue.defaults().raw().name(), expected);
    }

    private static List<ConsumerRecord<String, RawInstruction>> readAll(String bootstrap, String topic, int expected) {
        TopicCatalogue topics = TopicCatalogue.defaults();
        Map<String, Object> serdeConfig = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "generator-it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, RawInstruction>> records = new ArrayList<>();
        try (KafkaConsumer<String, RawInstruction> consumer = new KafkaConsumer<>(config,
                topics.raw().keySerde(serdeConfig).deserializer(), topics.raw().valueSerde(serdeConfig).deserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(60);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long endOffsets = consumer.endOffsets(consumer.assignment()).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(expected, endOffsets, "nothing beyond the expected records is in the topic");
        }
        return records;
    }
}
