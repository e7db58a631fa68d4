package org.bioinstruct.schemas.flink;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.bioinstruct.schemas.serde.AvroSerializer;

/** Flink side of {@link AvroSerializer}: Confluent wire format, subject {@code <topic>-value}. */
public final class AvroFlinkSerializationSchema<T extends SpecificRecord> extends AvroFlinkSchema<T>
        implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private transient AvroSerializer<T> serializer;

    public AvroFlinkSerializationSchema(Class<T> type, Map<String, String> serdeConfig, String topic) {
        super(type, serdeConfig, topic);
    }

    @Override
    public void open(InitializationContext context) {
        serializer = new AvroSerializer<>(type, registry(), false);
    }

    @Override
    public byte[] serialize(T element) {
        if (serializer == null) {
            open(null);
        }
        return serializer.serialize(topic, element);
    }
}
