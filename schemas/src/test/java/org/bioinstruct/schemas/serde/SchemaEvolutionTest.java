package org.bioinstruct.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    @Test
    void readsRecordWrittenWithNewerSchemaHavingAnExtraOptionalField() throws IOException {
        Schema current = RawInstruction.getClassSchema();
        String newerJson = current.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"temperature\",\"type\":[\"null\",\"double\"],\"default\":null},");
        Schema newer = new Schema.Parser().parse(newerJson);
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        int id = registry.register("t-value", newer);

        GenericRecord record = new GenericData.Record(newer);
        for (Schema.Field field : newer.getFields()) {
            if (field.hasDefaultValue()) {
                record.put(field.name(), GenericData.get().getDefaultValue(field));
            }
        }
        record.put("id", "x-1");
        record.put("runId", "r");
        record.put("instruction", "Name the class of metformin.");
        record.put("output", "biguanide");
        record.put("source", "synthetic");
        record.put("createdAt", 5L);
        record.put("temperature", 0.7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(newer).write(record, encoder);
        encoder.flush();

        RawInstruction decoded = new AvroDeserializer<>(RawInstruction.class, registry)
                .deserialize("t", WireFormat.frame(id, out.toByteArray()));

        assertEquals("x-1", decoded.getId());
        assertEquals("biguanide", decoded.getOutput());
    }
}
