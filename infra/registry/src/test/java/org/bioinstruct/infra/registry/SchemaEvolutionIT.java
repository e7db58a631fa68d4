package org.bioinstruct.infra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecordBase;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.registry.ConfluentSchemaRegistry;
import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.serde.AvroDeserializer;
import org.bioinstruct.schemas.serde.AvroSerializer;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.serde.WireFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schema evolution of a real topic schema ({@link AcceptedInstruction}) through the project's registry server
 * (BACKWARD compatibility, the default) and the project's serdes: an optional field with a default is
 * registered, old consumers read new records and new readers read old ones; a new required field is refused
 * with 409 and the auto-registering producer fails on its first record naming the subject.
 */
class SchemaEvolutionIT {
    private static final String TOPIC = "evolution.accepted";
    private static final String SUBJECT = TOPIC + "-value";

    private static BrokerAndRegistry stack;
    private static SchemaRegistryServer server;

    @BeforeAll
    static void start() throws Exception {
        stack = BrokerAndRegistry.start("_schemas_evolution");
        server = stack.server();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void optionalFieldWithDefaultIsAcceptedAndBothReaderGenerationsKeepWorking() throws IOException {
        Map<String, String> serde = Map.of(SerdeConfig.REGISTRY_URL, server.url());
        byte[] oldRecord;
        try (AvroSerializer<AcceptedInstruction> producer = new AvroSerializer<>(AcceptedInstruction.class)) {
            producer.configure(serde, false);
            oldRecord = producer.serialize(TOPIC, accepted("acc-1"));
        }
        Schema current = AcceptedInstruction.getClassSchema();
        Schema evolved = withField(current, "{\"name\":\"reviewer\",\"type\":[\"null\",\"string\"],\"default\":null}");
        ConfluentSchemaRegistry registry = new ConfluentSchemaRegistry(server.url());

        int evolvedId = registry.register(SUBJECT, evolved);

        assertNotEquals(WireFormat.readSchemaId(ByteBuffer.wrap(oldRecord)), evolvedId);
        GenericRecord newer = new GenericData.Record(evolved);
        AcceptedInstruction template = accepted("acc-2");
        current.getFields().forEach(f -> newer.put(f.name(), generic(f.schema(), template.get(f.pos()))));
        newer.put("reviewer", "curator-7");
        byte[] newRecord = WireFormat.frame(evolvedId, encode(evolved, newer));
        try (AvroDeserializer<AcceptedInstruction> oldConsumer = new AvroDeserializer<>(AcceptedInstruction.class)) {
            oldConsumer.configure(serde, false);
            AcceptedInstruction read = oldConsumer.deserialize(TOPIC, newRecord);
            assertEquals("acc-2", read.getId());
            assertEquals(Category.IE, read.getCategory());
            assertEquals(accepted("acc-1"), oldConsumer.deserialize(TOPIC, oldRecord));
        }
        GenericRecord oldReadByNewReader = decode(registry.schemaById(WireFormat.readSchemaId(ByteBuffer.wrap(oldRecord))), evolved, oldRecord);
        assertEquals("acc-1", oldReadByNewReader.get("id").toString());
        assertNull(oldReadByNewReader.get("reviewer"), "the default fills the field old records lack");
    }

    @Test
    void newRequiredFieldIsRefusedAndTheProducerFailsOnItsFirstRecordNamingTheSubject() {
        String topic = "evolution.incompatible";
        Map<String, String> serde = Map.of(SerdeConfig.REGISTRY_URL, server.url());
        try (AvroSerializer<AcceptedInstruction> current = new AvroSerializer<>(AcceptedInstruction.class)) {
            current.configure(serde, false);
            current.serialize(topic, accepted("acc-3"));
        }
        try (AvroSerializer<AcceptedWithRequiredPriority> producer =
                     new AvroSerializer<>(AcceptedWithRequiredPriority.class)) {
            producer.configure(serde, false);

            RegistryException refused = assertThrows(RegistryException.class,
                    () -> producer.serialize(topic, new AcceptedWithRequiredPriority(accepted("acc-4"), 3)));

            assertEquals(409, refused.errorCode());
            assertTrue(refused.getMessage().contains("subject '" + topic + "-value'"), refused.getMessage());
            assertTrue(refused.getMessage().contains(server.url()), refused.getMessage());
        }
        Schema typeChanged = withTypeOf(AcceptedInstruction.getClassSchema(), "categoryConfidence", "\"string\"");
        RegistryException typeChange = assertThrows(RegistryException.class,
                () -> new ConfluentSchemaRegistry(server.url()).register(topic + "-value", typeChanged),
                "changing a field's type from double to string");
        assertEquals(409, typeChange.errorCode());
    }

    /** The current schema plus a required int field without default: what a careless change would produce. */
    public static final class AcceptedWithRequiredPriority extends SpecificRecordBase {
        static final Schema SCHEMA = withField(AcceptedInstruction.getClassSchema(),
                "{\"name\":\"reviewPriority\",\"type\":\"int\"}");
        private final Object[] values = new Object[SCHEMA.getFields().size()];

        public AcceptedWithRequiredPriority() {
        }

        AcceptedWithRequiredPriority(AcceptedInstruction base, int priority) {
            for (Schema.Field field : AcceptedInstruction.getClassSchema().getFields()) {
                values[SCHEMA.getField(field.name()).pos()] = base.get(field.pos());
            }
            values[SCHEMA.getField("reviewPriority").pos()] = priority;
        }

        @Override
        public Schema getSchema() {
            return SCHEMA;
        }

        @Override
        public Object get(int field) {
            return values[field];
        }

        @Override
        public void put(int field, Object value) {
            values[field] = value;
        }
    }

    private static Schema withField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int end = json.lastIndexOf("]");
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }

    private static Schema withTypeOf(Schema schema, String field, String typeJson) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            Schema type = f.name().equals(field) ? new Schema.Parser().parse(typeJson) : f.schema();
            fields.add(new Schema.Field(f.name(), type, f.doc(), f.name().equals(field) ? null : f.defaultVal()));
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** The generic form of a specific value: timestamps as epoch millis, enums as symbols. */
    private static Object generic(Schema schema, Object value) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Enum<?> symbol) {
            return new GenericData.EnumSymbol(schema, symbol.name());
        }
        return value;
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord decode(Schema writer, Schema reader, byte[] framed) throws IOException {
        byte[] body = Arrays.copyOfRange(framed, 5, framed.length);
        return new GenericDatumReader<GenericRecord>(writer, reader).read(null,
                DecoderFactory.get().binaryDecoder(body, null));
    }

    private static AcceptedInstruction accepted(String id) {
        return AcceptedInstruction.newBuilder().setId(id).setRunId("run-1")
                .setInstruction("Extract the gene symbols from the sentence.").setInput("Variants in CFTR.")
                .setOutput("CFTR").setCategory(Category.IE).setCategoryConfidence(0.93).setSource("synthetic")
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setAcceptedAt(Instant.ofEpochMilli(1_700_000_000_500L))
                .build();
    }
}
