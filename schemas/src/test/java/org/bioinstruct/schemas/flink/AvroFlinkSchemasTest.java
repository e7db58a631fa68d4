package org.bioinstruct.schemas.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.serde.AvroDeserializer;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.junit.jupiter.api.Test;

class AvroFlinkSchemasTest {
    private static final Map<String, String> REGISTRY = Map.of(SerdeConfig.REGISTRY_URL, "mock://flink-schemas-test");
    private static final String TOPIC = "bioinstruct.shards.ready";

    private static ShardManifest manifest() {
        return ShardManifest.newBuilder().setShardId("train-000001").setUri("file:///s/train-000001.jsonl")
                .setSplit(Split.TRAIN).setRecordCount(3).setSha256("ab").setByteSize(9)
                .setCreatedAt(Instant.ofEpochMilli(42)).build();
    }

    @SuppressWarnings("unchecked")
    private static <T> T viaJavaSerialization(T schema) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(schema);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void flinkSchemasSurviveShippingToTaskManagersAndRoundTrip() throws Exception {
        AvroFlinkSerializationSchema<ShardManifest> serializer =
                viaJavaSerialization(new AvroFlinkSerializationSchema<>(ShardManifest.class, REGISTRY, TOPIC));
        AvroFlinkDeserializationSchema<ShardManifest> deserializer =
                viaJavaSerialization(new AvroFlinkDeserializationSchema<>(ShardManifest.class, REGISTRY, TOPIC));

        byte[] bytes = serializer.serialize(manifest());

        assertEquals(manifest(), deserializer.deserialize(bytes));
        assertEquals(ShardManifest.class, deserializer.getProducedType().getTypeClass());
    }

    @Test
    void flinkSerializerWritesTheSameBytesAsTheKafkaSerde() {
        byte[] flink = new AvroFlinkSerializationSchema<>(ShardManifest.class, REGISTRY, TOPIC).serialize(manifest());
        AvroDeserializer<ShardManifest> kafka = new AvroDeserializer<>(ShardManifest.class);
        kafka.configure(REGISTRY, false);
        assertEquals(manifest(), kafka.deserialize(TOPIC, flink));
        assertArrayEquals(new byte[] {0}, new byte[] {flink[0]});
    }

    @Test
    void flinkDeserializerRejectsForeignBytesClearly() {
        AvroFlinkDeserializationSchema<ShardManifest> deserializer =
                new AvroFlinkDeserializationSchema<>(ShardManifest.class, REGISTRY, TOPIC);
        assertThrows(SerializationException.class, () -> deserializer.deserialize("{\"json\":1}".getBytes()));
    }
}
