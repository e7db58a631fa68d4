package org.bioinstruct.schemas.flink;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.serde.AvroSerializer;

/** Flink side of {@link AvroSerializer}: Confluent wire format, subject {@code <topic>-value}. */
public final class AvroFlinkSerializationSchema<T extends SpecificRecord> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String registryUrl;
    private final String topic;
    private transient AvroSerializer<T> serializer;

    public AvroFlinkSerializationSchema(Class<T> type, String registryUrl, String topic) {
        this.type = type;
        this.registryUrl = registryUrl;
        this.topic = topic;
    }

    @Override
    public void open(InitializationContext context) {
        serializer = new AvroSerializer<>(type, SerdeConfig.registry(java.util.Map.of(SerdeConfig.REGISTRY_URL, registryUrl)), false);
    }

    @Override
    public byte[] serialize(T element) {
        if (serializer == null) {
            open(null);
        }
        return serializer.serialize(topic, element);
    }
}
