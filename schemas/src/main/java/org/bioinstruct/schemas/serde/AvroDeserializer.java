package org.bioinstruct.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.registry.SchemaRegistry;

/**
 * Reads the Confluent wire format into a generated Avro record, resolving the writer schema by id and
 * projecting it onto this build's reader schema (so older and newer writers both decode).
 * Every failure is a {@link SerializationException} whose message says what is wrong with the bytes.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private SchemaRegistry registry;

    public AvroDeserializer(Class<T> type) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    public AvroDeserializer(Class<T> type, SchemaRegistry registry) {
        this(type);
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = SerdeConfig.registry(configs);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer for " + type.getSimpleName()
                    + " used before configure(): set " + SerdeConfig.REGISTRY_URL);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int schemaId = WireFormat.readSchemaId(buffer);
        SpecificDatumReader<T> reader = readerFor(schemaId, topic);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                    data, buffer.position(), buffer.remaining(), null);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("trailing bytes after " + type.getSimpleName()
                        + " body (schema id " + schemaId + ")");
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("truncated or corrupt Avro body for " + type.getSimpleName()
                    + " (schema id " + schemaId + ", " + data.length + " bytes): " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(int schemaId, String topic) {
        SpecificDatumReader<T> reader = readers.get(schemaId);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (RegistryException e) {
            throw new SerializationException("cannot resolve writer schema id " + schemaId + " of a record in '"
                    + topic + "': " + e.getMessage(), e);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema);
        readers.put(schemaId, reader);
        return reader;
    }
}
