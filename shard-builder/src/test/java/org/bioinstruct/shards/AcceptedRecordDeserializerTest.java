package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.serde.AvroSerializer;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.junit.jupiter.api.Test;

class AcceptedRecordDeserializerTest {
    private static final String REGISTRY = "mock://shard-builder-deserializer";
    private static final Map<String, String> SERDE = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
    private static final String TOPIC = "bioinstruct.instructions.accepted";

    private final AcceptedRecordDeserializer deserializer = new AcceptedRecordDeserializer(SERDE);
    private final List<DecodedRecord> out = new ArrayList<>();

    @Test
    void decodesAnAcceptedInstructionWithItsPosition() {
        deserializer.deserialize(record(3, 17, encode(accepted("inst-1"))), collector());

        assertEquals(1, out.size());
        assertEquals(new InstructionExample("inst-1", "List the symptoms.", "", "Fever.", "QA", "synthetic", 3, 17),
                out.get(0).example());
    }

    @Test
    void turnsUndecodableBytesIntoADeadLetterInsteadOfFailing() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        deserializer.deserialize(record(1, 99, garbage), collector());

        assertEquals(1, out.size());
        DeadLetter letter = out.get(0).deadLetter();
        assertEquals(TOPIC + "/1@99", letter.position());
        assertArrayEquals(garbage, letter.value());
        assertArrayEquals("key".getBytes(StandardCharsets.UTF_8), letter.key());
        assertEquals("org.apache.kafka.common.errors.SerializationException", letter.errorClass());
        assertTrue(!letter.errorMessage().isBlank());
    }

    @Test
    void treatsAMissingValueAsADeadLetter() {
        deserializer.deserialize(record(0, 5, null), collector());

        assertEquals(1, out.size());
        assertEquals("record has no value", out.get(0).deadLetter().errorMessage());
    }

    static AcceptedInstruction accepted(String id) {
        return AcceptedInstruction.newBuilder()
                .setId(id).setRunId("run-1").setInstruction("List the symptoms.").setInput("")
                .setOutput("Fever.").setCategory(Category.QA).setCategoryConfidence(0.9).setSource("synthetic")
                .setCreatedAt(Instant.ofEpochMilli(1_000)).setAcceptedAt(Instant.ofEpochMilli(2_000))
                .build();
    }

    private static byte[] encode(AcceptedInstruction instruction) {
        AvroSerializer<AcceptedInstruction> serializer = new AvroSerializer<>(AcceptedInstruction.class);
        serializer.configure(SERDE, false);
        return serializer.serialize(TOPIC, instruction);
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, "key".getBytes(StandardCharsets.UTF_8), value);
    }

    private Collector<DecodedRecord> collector() {
        return new Collector<>() {
            @Override
            public void collect(DecodedRecord record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        };
    }
}
