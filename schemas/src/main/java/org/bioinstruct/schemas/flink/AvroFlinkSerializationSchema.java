package org.bioinstruct.schemas.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.serde.AvroSerializer;

/** Flink side of {@link AvroSerializer}: Confluent wire format, subject {@code <topic>-value}. */
public final class AvroFlinkSerializationSchema<T extends SpecificRecord> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    /** A serializable copy of the serde config ({@link SerdeConfig#of}). */
    private final HashMap<String, String> serdeConfig;
    private final String topic;
    private transient AvroSerializer<T> serializer;

    public AvroFlinkSerializationSchema(Class<T> type, Map<String, String> serdeConfig, String topic) {
        this.type = type;
        this.serdeConfig = new HashMap<>(serdeConfig);
        this.topic = topic;
    }

    @Override
    public void open(InitializationContext context) {
        serializer = new AvroSerializer<>(type, SerdeConfig.registry(serdeConfig), false);
    }

    @Override
    public byte[] serialize(T element) {
        if (serializer == null) {
            open(null);
        }
        return serializer.serialize(topic, element);
    }
}
