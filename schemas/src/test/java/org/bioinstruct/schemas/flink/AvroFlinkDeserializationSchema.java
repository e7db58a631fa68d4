package org.bioinstruct.schemas.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.serde.AvroDeserializer;

/** Flink side of {@link AvroDeserializer}. Throws Kafka's SerializationException on bad bytes. */
public final class AvroFlinkDeserializationSchema<T extends SpecificRecord> implements DeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    /** A serializable copy of the serde config ({@link SerdeConfig#of}). */
    private final HashMap<String, String> serdeConfig;
    private final String topic;
    private transient AvroDeserializer<T> deserializer;

    public AvroFlinkDeserializationSchema(Class<T> type, Map<String, String> serdeConfig, String topic) {
        this.type = type;
        this.serdeConfig = new HashMap<>(serdeConfig);
        this.topic = topic;
    }

    @Override
    public void open(InitializationContext context) {
        deserializer = new AvroDeserializer<>(type, SerdeConfig.registry(serdeConfig));
    }

    @Override
    public T deserialize(byte[] message) {
        if (deserializer == null) {
            open(null);
        }
        return deserializer.deserialize(topic, message);
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
