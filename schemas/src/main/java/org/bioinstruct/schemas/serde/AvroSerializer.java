package org.bioinstruct.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.bioinstruct.schemas.registry.SchemaRegistry;

/**
 * Writes a generated Avro record in the Confluent wire format, registering its schema under the
 * TopicNameStrategy subject ({@code <topic>-value} or {@code <topic>-key}) on first use, or ahead of it with
 * {@link #registerSchema} (a stage's start-up check). The registry caches the id, so records never re-register.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Class<T> type;
    private SchemaRegistry registry;
    private boolean isKey;
    private SpecificDatumWriter<T> writer;

    /** Unconfigured: {@link #configure} must supply {@code schema.registry.url}. */
    public AvroSerializer(Class<T> type) {
        this.type = type;
    }

    public AvroSerializer(Class<T> type, SchemaRegistry registry, boolean isKey) {
        this.type = type;
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = SerdeConfig.registry(configs);
        this.isKey = isKey;
    }

    /** The generated record type this serializer writes. */
    public Class<T> type() {
        return type;
    }

    /**
     * Registers (or finds) the schema of {@code T} under {@code topic}'s subject now, as the first record
     * would, and returns its id; throws {@link org.bioinstruct.schemas.registry.RegistryException} if refused.
     */
    public int registerSchema(String topic) {
        return configuredRegistry().register(Subjects.of(topic, isKey), SpecificData.get().getSchema(type));
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int schemaId = configuredRegistry().register(Subjects.of(topic, isKey), record.getSchema());
        return encode(schemaId, record);
    }

    private SchemaRegistry configuredRegistry() {
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer for " + type.getSimpleName()
                    + " used before configure(): set " + SerdeConfig.REGISTRY_URL);
        }
        return registry;
    }

    /** Header and body written into one buffer: no second copy of every record. */
    private byte[] encode(int schemaId, T record) {
        if (writer == null) {
            writer = new SpecificDatumWriter<>(record.getSchema());
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            out.write(WireFormat.MAGIC_BYTE);
            out.write(schemaId >>> 24);
            out.write(schemaId >>> 16);
            out.write(schemaId >>> 8);
            out.write(schemaId);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
