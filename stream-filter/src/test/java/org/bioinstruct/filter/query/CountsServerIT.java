package org.bioinstruct.filter.query;

import static org.bioinstruct.filter.query.QueryTestRecords.accepted;
import static org.bioinstruct.filter.query.QueryTestRecords.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of a minimal filter-shaped app on a real KRaft broker: accepted tasks, rejected tasks and
 * dead letters pass {@link CountingProcessor}s into their topics, counted in both count stores across four
 * partitions, and every instance's {@code GET /counts} answers the sum over both instances.
 */
class CountsServerIT {
    private static final String REGISTRY = "mock://counts-server-it";
    private static final Map<String, Object> SERDE_CONFIG = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final String DECIDED = CountedDecisions.ACCEPTED;
    private static final String DECIDED_REJECTED = CountedDecisions.REJECTED;
    private static final String UNDECODABLE = CountedDecisions.UNDECODABLE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final SingleNodeKafka cluster = SingleNodeKafka.perClass();

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(DECIDED, 4, (short) 1), new NewTopic(DECIDED_REJECTED, 4, (short) 1),
                    new NewTopic(UNDECODABLE, 4, (short) 1),
                    new NewTopic(TOPICS.accepted().name(), TOPICS.accepted().partitions(), (short) 1),
                    new NewTopic(TOPICS.rejected().name(), TOPICS.rejected().partitions(), (short) 1),
                    new NewTopic(TOPICS.dlq().name(), TOPICS.dlq().partitions(), (short) 1))).all().get();
        }
    }

    @Test
    void answers503WithAReasonUntilTheStreamsClientRuns(@TempDir Path stateDir) throws Exception {
        try (CountsServer server = CountsServer.start(QuerySettings.defaults())) {
            assertEquals(503, get(server, CountsServer.COUNTS_PATH).statusCode());
            try (KafkaStreams streams = new KafkaStreams(topology(), props("counts-not-started", stateDir, server))) {
                server.attach(streams);
                HttpResponse<String> counts = get(server, CountsServer.COUNTS_PATH);
                assertEquals(503, counts.statusCode());
                assertEquals("1", counts.headers().firstValue("Retry-After").orElse(""));
                assertTrue(JSON.readTree(counts.body()).path("error").asText().contains("CREATED"), counts.body());
                HttpResponse<String> health = get(server, CountsServer.HEALTH_PATH);
                assertEquals(503, health.statusCode());
                assertEquals("CREATED", JSON.readTree(health.body()).path("state").asText());
                assertEquals(404, get(server, "/nope").statusCode());
            }
        }
    }

    @Test
    void everyInstanceAnswersTheCountsOfAllInstances(@TempDir Path stateDir) throws Exception {
        produce();
        List<CountsServer> servers = new ArrayList<>();
        List<KafkaStreams> instances = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                CountsServer server = CountsServer.start(QuerySettings.defaults());
                servers.add(server);
                KafkaStreams streams = new KafkaStreams(topology(), props("counts-it", stateDir.resolve("i" + i), server));
                server.attach(streams);
                instances.add(streams);
                streams.start();
            }
            String expected = "{\"accepted\":{\"IE\":2,\"QA\":3},\"rejected\":{\"DUPLICATE_EXACT\":1,\"TOO_SHORT\":2},"
                    + "\"deadLettered\":2,\"total\":10,\"instances\":2}";
            for (CountsServer server : servers) {
                assertEquals(JSON.readTree(expected), awaitCounts(server, JSON.readTree(expected)));
                assertEquals(200, get(server, CountsServer.HEALTH_PATH).statusCode());
            }
            long localTotals = 0;
            for (CountsServer server : servers) {
                localTotals += JSON.readTree(get(server, CountsServer.LOCAL_PATH).body()).path("total").asLong();
            }
            assertEquals(10, localTotals, "each partition counted by exactly one instance");

            Map<String, Long> metered = new TreeMap<>();
            for (KafkaStreams streams : instances) {
                CountingProcessor.totals(streams.metrics(), "accepted", "category")
                        .forEach((category, n) -> metered.merge(category, n, Long::sum));
            }
            assertEquals(Map.of("IE", 2L, "QA", 3L), metered);
        } finally {
            servers.forEach(CountsServer::close);
            instances.forEach(streams -> streams.close(Duration.ofSeconds(10)));
        }
    }

    private static Topology topology() {
        return CountedDecisions.topology(SERDE_CONFIG);
    }

    private static Properties props(String applicationId, Path stateDir, CountsServer server) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    private static void produce() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaProducer<String, AcceptedInstruction> decided = new KafkaProducer<>(config,
                TOPICS.accepted().keySerde(SERDE_CONFIG).serializer(), TOPICS.accepted().valueSerde(SERDE_CONFIG).serializer());
             KafkaProducer<String, RejectedInstruction> rejections = new KafkaProducer<>(config,
                     TOPICS.rejected().keySerde(SERDE_CONFIG).serializer(),
                     TOPICS.rejected().valueSerde(SERDE_CONFIG).serializer());
             KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(config, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<Category> categories = List.of(Category.QA, Category.IE, Category.QA, Category.IE, Category.QA);
            for (int i = 0; i < categories.size(); i++) {
                decided.send(new ProducerRecord<>(DECIDED, "a" + i, accepted("a" + i, categories.get(i))));
            }
            List<String> reasons = List.of("TOO_SHORT", "DUPLICATE_EXACT", "TOO_SHORT");
            for (int i = 0; i < reasons.size(); i++) {
                rejections.send(new ProducerRecord<>(DECIDED_REJECTED, "r" + i, rejected("r" + i, reasons.get(i))));
            }
            deadLetters.send(new ProducerRecord<>(UNDECODABLE, "d0".getBytes(StandardCharsets.UTF_8),
                    new byte[] {9, 9, 9}));
            deadLetters.send(new ProducerRecord<>(UNDECODABLE, "d1".getBytes(StandardCharsets.UTF_8), null));
        }
    }

    /** Polls until the counts match (503s while the group settles are expected); returns the last answer. */
    private static JsonNode awaitCounts(CountsServer server, JsonNode expected) {
        Map.Entry<Integer, String> answer = Await.value("the expected counts " + expected, Duration.ofSeconds(60),
                Duration.ofMillis(200), () -> {
                    HttpResponse<String> response = get(server, CountsServer.COUNTS_PATH);
                    return Map.entry(response.statusCode(), response.body());
                }, response -> {
                    assertTrue(response.getKey() == 200 || response.getKey() == 503, response.getValue());
                    return response.getKey() == 200 && readTree(response.getValue()).equals(expected);
                });
        return readTree(answer.getValue());
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(CountsServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
