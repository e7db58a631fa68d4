package org.bioinstruct.infra.registry;

import static org.bioinstruct.infra.registry.AvroFixtures.OTHER_RECORD;
import static org.bioinstruct.infra.registry.AvroFixtures.REQUIRED_NEW_FIELD;
import static org.bioinstruct.infra.registry.AvroFixtures.V1;
import static org.bioinstruct.infra.registry.AvroFixtures.V2_OPTIONAL_FIELD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaMetadata;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.registry.ConfluentSchemaRegistry;
import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.serde.AvroDeserializer;
import org.bioinstruct.schemas.serde.AvroSerializer;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server on a real in-process KRaft broker, driven over HTTP and by the genuine Confluent client. */
class SchemaRegistryServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static BrokerAndRegistry stack;
    private static SingleNodeKafka cluster;
    private static SchemaRegistryServer server;

    @BeforeAll
    static void startBrokerAndRegistry() throws Exception {
        stack = BrokerAndRegistry.start("_schemas");
        cluster = stack.kafka();
        server = stack.server();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static RegistrySettings config(String topic) {
        return stack.registryConfig(topic);
    }

    private record Answer(int status, JsonNode body) {
    }

    private static Answer call(String method, String path, String body) throws IOException, InterruptedException {
        return call(server, method, path, body, "application/vnd.schemaregistry.v1+json");
    }

    private static Answer call(SchemaRegistryServer target, String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/vnd.schemaregistry.v1+json", response.headers().firstValue("Content-Type").orElse(""));
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** The fixture schema moved to its own namespace, so each test registers schemas no other test has. */
    private static String ns(String namespace, String schema) {
        return schema.replace("\"namespace\":\"test\"", "\"namespace\":\"" + namespace + "\"");
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(errorCode, answer.body().path("error_code").asInt(), answer.body().toString());
        assertFalse(answer.body().path("message").asText().isBlank(), answer.body().toString());
    }

    @Test
    void servesTheRestApiWithConfluentStatusCodes() throws Exception {
        assertEquals(JSON.createObjectNode(), call("GET", "/", null).body());

        Answer registered = call("POST", "/subjects/http-value/versions", schemaBody(ns("http", V1)));
        assertEquals(200, registered.status(), registered.body().toString());
        int id = registered.body().path("id").asInt();
        assertTrue(id >= 1);
        int secondId = call(server, "POST", "/subjects/http-value/versions", schemaBody(ns("http", V2_OPTIONAL_FIELD)),
                "application/json").body().path("id").asInt();
        assertEquals(id + 1, secondId);

        Answer byId = call("GET", "/schemas/ids/" + id, null);
        assertEquals(ns("http", V1).replaceAll("\\s", ""), byId.body().path("schema").asText());
        assertEquals("[{\"subject\":\"http-value\",\"version\":1}]",
                call("GET", "/schemas/ids/" + id + "/versions", null).body().toString());
        assertTrue(call("GET", "/subjects", null).body().toString().contains("\"http-value\""));
        assertEquals("[1,2]", call("GET", "/subjects/http-value/versions", null).body().toString());

        JsonNode latest = call("GET", "/subjects/http-value/versions/latest", null).body();
        assertEquals(2, latest.path("version").asInt());
        assertEquals(secondId, latest.path("id").asInt());
        assertEquals("http-value", latest.path("subject").asText());
        assertEquals("Task", call("GET", "/subjects/http-value/versions/1/schema", null).body().path("name").asText());
        assertEquals(1, call("POST", "/subjects/http-value", schemaBody(ns("http", V1))).body().path("version").asInt());

        assertError(call("GET", "/subjects/missing/versions", null), 404, 40401);
        assertError(call("GET", "/subjects/http-value/versions/9", null), 404, 40402);
        assertError(call("GET", "/schemas/ids/9999", null), 404, 40403);
        assertError(call("POST", "/subjects/http-value", schemaBody(ns("http", OTHER_RECORD))), 404, 40403);
        assertError(call("POST", "/subjects/http-value/versions", schemaBody("{\"type\":")), 422, 42201);
        assertError(call("GET", "/subjects/http-value/versions/zero", null), 422, 42202);
        assertError(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(call("POST", "/subjects/http-value/versions", schemaBody(ns("http", REQUIRED_NEW_FIELD))), 409, 409);
        assertError(call("GET", "/no/such/route", null), 404, 404);
        assertError(call("PUT", "/subjects/http-value/versions", schemaBody(ns("http", V1))), 405, 405);
        assertError(call(server, "POST", "/subjects/http-value/versions", schemaBody(ns("http", V1)), "text/plain"), 415, 415);

        JsonNode verbose = call("POST", "/compatibility/subjects/http-value/versions/latest?verbose=true",
                schemaBody(ns("http", REQUIRED_NEW_FIELD))).body();
        assertFalse(verbose.path("is_compatible").asBoolean(true));
        assertTrue(verbose.path("messages").get(0).asText().contains("READER_FIELD_MISSING_DEFAULT_VALUE"));

        assertEquals("[1,2]", call("DELETE", "/subjects/http-value", null).body().toString());
        assertError(call("GET", "/subjects/http-value/versions", null), 404, 40401);
        assertEquals("[1,2]", call("DELETE", "/subjects/http-value?permanent=true", null).body().toString());
        assertFalse(call("GET", "/subjects?deleted=true", null).body().toString().contains("\"http-value\""));
    }

    @Test
    void servesGlobalAndSubjectCompatibilityConfig() throws Exception {
        assertEquals("BACKWARD", call("GET", "/config", null).body().path("compatibilityLevel").asText());
        assertError(call("GET", "/config/cfg-value", null), 404, 40408);
        assertEquals("BACKWARD", call("GET", "/config/cfg-value?defaultToGlobal=true", null).body()
                .path("compatibilityLevel").asText());

        Answer put = call("PUT", "/config/cfg-value", "{\"compatibility\":\"full_transitive\"}");
        assertEquals("FULL_TRANSITIVE", put.body().path("compatibility").asText());
        assertEquals("FULL_TRANSITIVE", call("GET", "/config/cfg-value", null).body().path("compatibilityLevel").asText());
        assertEquals("FULL_TRANSITIVE", call("DELETE", "/config/cfg-value", null).body().path("compatibilityLevel").asText());
        assertError(call("GET", "/config/cfg-value", null), 404, 40408);
    }

    @Test
    void genuineConfluentClientRegistersLooksUpAndIsRefusedIncompatibleSchemas() throws Exception {
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(server.url(), 100);
        int id = client.register("client-value", new AvroSchema(ns("client", V1)));
        assertEquals(id, new CachedSchemaRegistryClient(server.url(), 100).register("client-value", new AvroSchema(ns("client", V1))));
        assertEquals(id, client.register("client-copy-value", new AvroSchema(ns("client", V1))));
        int second = client.register("client-value", new AvroSchema(ns("client", V2_OPTIONAL_FIELD)));
        assertNotEquals(id, second);

        assertEquals(new AvroSchema(ns("client", V1)).canonicalString(),
                new CachedSchemaRegistryClient(server.url(), 100).getSchemaById(id).canonicalString());
        assertEquals(List.of(1, 2), client.getAllVersions("client-value"));
        SchemaMetadata latest = client.getLatestSchemaMetadata("client-value");
        assertEquals(2, latest.getVersion());
        assertEquals(second, latest.getId());
        assertEquals(1, client.getVersion("client-value", new AvroSchema(ns("client", V1))));
        assertTrue(client.getAllSubjects().containsAll(List.of("client-value", "client-copy-value")));
        assertTrue(client.testCompatibility("client-value", new AvroSchema(ns("client", V2_OPTIONAL_FIELD))));
        assertFalse(client.testCompatibility("client-value", new AvroSchema(ns("client", REQUIRED_NEW_FIELD))));

        RestClientException refused = assertThrows(RestClientException.class,
                () -> client.register("client-value", new AvroSchema(ns("client", REQUIRED_NEW_FIELD))));
        assertEquals(409, refused.getStatus());
        RegistryException wrapped = assertThrows(RegistryException.class,
                () -> new ConfluentSchemaRegistry(server.url()).register("client-value",
                        new Schema.Parser().parse(ns("client", REQUIRED_NEW_FIELD))));
        assertEquals(409, wrapped.errorCode());

        assertEquals(List.of(1, 2), client.deleteSubject("client-value"));
        assertFalse(client.getAllSubjects().contains("client-value"));
        RestClientException gone = assertThrows(RestClientException.class,
                () -> new CachedSchemaRegistryClient(server.url(), 100).getLatestSchemaMetadata("client-value"));
        assertEquals(40401, gone.getErrorCode());
    }

    @Test
    void avroSerdesRoundTripThroughTheServer() {
        Map<String, String> serdeConfig = Map.of(SerdeConfig.REGISTRY_URL, server.url());
        RawInstruction instruction = RawInstruction.newBuilder()
                .setId("i-1").setRunId("run-1").setInstruction("Name the gene in the sentence.")
                .setInput("BRCA1 mutations raise cancer risk.").setOutput("BRCA1")
                .setProposedCategory(Category.IE).setSource("synthetic").setPromptVersion(null)
                .setSeedIds(List.of("seed-3")).setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
        try (AvroSerializer<RawInstruction> serializer = new AvroSerializer<>(RawInstruction.class);
             AvroDeserializer<RawInstruction> deserializer = new AvroDeserializer<>(RawInstruction.class)) {
            serializer.configure(serdeConfig, false);
            deserializer.configure(serdeConfig, false);
            byte[] bytes = serializer.serialize("serde.raw", instruction);
            assertEquals(0, bytes[0]);
            assertEquals(instruction, deserializer.deserialize("serde.raw", bytes));
        }
        assertEquals(200, assertDoesNotFail(() -> call("GET", "/subjects/serde.raw-value/versions/latest", null)).status());
    }

    @Test
    void survivesRestartWithSameIdsVersionsDeletionsAndConfig() throws Exception {
        String topic = "_schemas_restart";
        int v1;
        int v2;
        try (SchemaRegistryServer first = SchemaRegistryServer.start(config(topic))) {
            CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(first.url(), 100);
            v1 = client.register("r-value", new AvroSchema(V1));
            v2 = client.register("r-value", new AvroSchema(V2_OPTIONAL_FIELD));
            client.register("gone-value", new AvroSchema(OTHER_RECORD));
            client.deleteSubject("gone-value");
            assertEquals(200, call(first, "PUT", "/config/r-value", "{\"compatibility\":\"NONE\"}",
                    "application/json").status());
        }
        assertEquals(List.of(1, 2), List.of(v1, v2), "a fresh topic numbers ids from 1");
        try (Admin admin = cluster.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals("compact", topicConfig.get("cleanup.policy").value());
        }
        try (SchemaRegistryServer second = SchemaRegistryServer.start(config(topic))) {
            CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(second.url(), 100);
            assertEquals(List.of(1, 2), client.getAllVersions("r-value"));
            assertEquals(v2, client.getLatestSchemaMetadata("r-value").getId());
            assertEquals(v1, client.register("r-value", new AvroSchema(V1)));
            assertEquals(new AvroSchema(V2_OPTIONAL_FIELD).canonicalString(), client.getSchemaById(v2).canonicalString());
            assertFalse(client.getAllSubjects().contains("gone-value"));
            assertTrue(client.getAllSubjects(true).contains("gone-value"));
            assertEquals("NONE", call(second, "GET", "/config/r-value", null, null).body()
                    .path("compatibilityLevel").asText());
            assertEquals(4, client.register("r-value", new AvroSchema(REQUIRED_NEW_FIELD)), "continues after ids 1-3");
            assertEquals(List.of(1, 2, 3), client.getAllVersions("r-value"));
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T assertDoesNotFail(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
