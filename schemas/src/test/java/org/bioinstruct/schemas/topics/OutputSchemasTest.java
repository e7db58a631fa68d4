package org.bioinstruct.schemas.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.serde.WireFormat;
import org.bioinstruct.schemas.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputSchemasTest {
    private static final String SCOPE = "output-schemas-test";
    private static final Map<String, String> SERDE = Map.of(SerdeConfig.REGISTRY_URL, InMemorySchemaRegistry.MOCK_SCHEME + SCOPE);

    private final TopicCatalogue topics = TopicCatalogue.defaults();

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void registersTheValueSubjectOfEveryAvroTopicAndSkipsTheDlq() {
        OutputSchemas.registerAll(SERDE, List.of(topics.accepted(), topics.rejected(), topics.dlq()));

        Map<String, List<Integer>> subjects = InMemorySchemaRegistry.scope(SCOPE).subjects();
        assertEquals(2, subjects.size(), subjects.toString());
        assertEquals(1, subjects.get(topics.accepted().name() + "-value").size());
        assertEquals(1, subjects.get(topics.rejected().name() + "-value").size());
    }

    @Test
    void recordsUseTheIdRegisteredAtStartUpWithoutANewVersion() {
        int id = OutputSchemas.register(SERDE, topics.raw().name(), RawInstruction.class);

        Serializer<RawInstruction> values = topics.raw().valueSerde(SERDE).serializer();
        byte[] first = values.serialize(topics.raw().name(), raw("r-1"));
        byte[] second = values.serialize(topics.raw().name(), raw("r-2"));

        assertEquals(id, WireFormat.readSchemaId(ByteBuffer.wrap(first)));
        assertEquals(id, WireFormat.readSchemaId(ByteBuffer.wrap(second)));
        assertEquals(List.of(id), InMemorySchemaRegistry.scope(SCOPE).subjects().get(topics.raw().name() + "-value"));
    }

    @Test
    void failsNamingTopicAndSubjectWhenTheRegistryCannotBeReached() throws IOException {
        int closedPort = FreePorts.next();
        Map<String, String> unreachable = Map.of(SerdeConfig.REGISTRY_URL, "http://127.0.0.1:" + closedPort);

        OutputSchemaException e = assertThrows(OutputSchemaException.class,
                () -> OutputSchemas.register(unreachable, "shards.unreachable", ShardManifest.class));

        assertEquals("shards.unreachable", e.topic());
        assertEquals("shards.unreachable-value", e.subject());
        assertEquals(-1, e.errorCode());
        assertTrue(e.getMessage().startsWith("cannot start: value schema ShardManifest of topic 'shards.unreachable'"
                + " (subject 'shards.unreachable-value') not accepted: registry at http://127.0.0.1:" + closedPort
                + " unreachable"), e.getMessage());
    }

    @Test
    void namesTheRegistrysAnswerAndHowToEvolveWhenRefusedAsIncompatible() {
        RegistryException refused = new RegistryException("registry refused schema for subject 't-value' at"
                + " http://registry: Schema being registered is incompatible; error code: 409", 409, null);

        OutputSchemaException e = new OutputSchemaException("t", "RawInstruction", refused);

        assertEquals(409, e.errorCode());
        assertEquals("cannot start: value schema RawInstruction of topic 't' (subject 't-value') not accepted:"
                + " registry refused schema for subject 't-value' at http://registry: Schema being registered is"
                + " incompatible; error code: 409; a compatible change only adds fields with defaults"
                + " (docs/RELIABILITY.md, Schema evolution)", e.getMessage());
    }

    private static RawInstruction raw(String id) {
        return RawInstruction.newBuilder().setId(id).setRunId("run").setInstruction("Name the class of metformin.")
                .setOutput("biguanide").setSource("synthetic").setCreatedAt(Instant.ofEpochMilli(5)).build();
    }
}
