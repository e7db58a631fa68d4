package org.bioinstruct.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static RawInstruction sample() {
        return RawInstruction.newBuilder()
                .setId("run-000001")
                .setRunId("run")
                .setInstruction("Name the drug class of metformin.")
                .setInput("")
                .setOutput("biguanide")
                .setProposedCategory(Category.QA)
                .setSource("synthetic")
                .setSeedIds(List.of("seed-1"))
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
    }

    private static byte[] avroBody(RawInstruction record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(RawInstruction.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void writesMagicByteThenBigEndianSchemaIdThenAvroBody() throws IOException {
        registry.register("unrelated-value", org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING));
        AvroSerializer<RawInstruction> serializer = new AvroSerializer<>(RawInstruction.class, registry, false);

        byte[] bytes = serializer.serialize("bioinstruct.instructions.raw", sample());

        assertEquals(0, bytes[0], "magic byte");
        assertArrayEquals(new byte[] {0, 0, 0, 2}, Arrays.copyOfRange(bytes, 1, 5), "schema id 2, big-endian");
        assertArrayEquals(avroBody(sample()), Arrays.copyOfRange(bytes, 5, bytes.length), "plain Avro binary body");
    }

    @Test
    void registersUnderTopicNameStrategySubjects() {
        new AvroSerializer<>(RawInstruction.class, registry, false).serialize("t", sample());
        new AvroSerializer<>(RawInstruction.class, registry, true).serialize("t", sample());

        assertEquals(List.of(1), registry.subjects().get("t-value"));
        assertEquals(List.of(1), registry.subjects().get("t-key"));
    }

    @Test
    void roundTripsThroughSerde() {
        AvroSerde<RawInstruction> serde = new AvroSerde<>(RawInstruction.class, registry, false);
        byte[] bytes = serde.serializer().serialize("t", sample());
        assertEquals(sample(), serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void schemaIdAbove255IsWrittenInFourBytes() {
        byte[] framed = WireFormat.frame(0x01020304, new byte[] {42});
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 42}, framed);
    }

    @Test
    void rejectsWrongMagicByteNamingIt() {
        byte[] bytes = new AvroSerializer<>(RawInstruction.class, registry, false).serialize("t", sample());
        bytes[0] = 7;
        SerializationException e = assertThrows(SerializationException.class,
                () -> new AvroDeserializer<>(RawInstruction.class, registry).deserialize("t", bytes));
        assertTrue(e.getMessage().contains("magic byte 0x07"), e.getMessage());
    }

    @Test
    void rejectsUnknownSchemaId() {
        byte[] bytes = WireFormat.frame(99, new byte[] {2, 'a'});
        SerializationException e = assertThrows(SerializationException.class,
                () -> new AvroDeserializer<>(RawInstruction.class, registry).deserialize("t", bytes));
        assertTrue(e.getMessage().contains("schema id 99"), e.getMessage());
    }

    @Test
    void rejectsTruncatedBody() {
        byte[] bytes = new AvroSerializer<>(RawInstruction.class, registry, false).serialize("t", sample());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);
        SerializationException e = assertThrows(SerializationException.class,
                () -> new AvroDeserializer<>(RawInstruction.class, registry).deserialize("t", truncated));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void rejectsRecordShorterThanHeader() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new AvroDeserializer<>(RawInstruction.class, registry).deserialize("t", new byte[] {0, 0}));
        assertTrue(e.getMessage().contains("shorter than the 5-byte"), e.getMessage());
    }

    @Test
    void nullPassesThroughAsTombstone() {
        assertEquals(null, new AvroSerializer<>(RawInstruction.class, registry, false).serialize("t", null));
        assertEquals(null, new AvroDeserializer<>(RawInstruction.class, registry).deserialize("t", null));
    }
}
