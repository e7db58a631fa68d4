package org.bioinstruct.schemas.flink;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.bioinstruct.schemas.serde.AvroDeserializer;

/** Flink side of {@link AvroDeserializer}. Throws Kafka's SerializationException on bad bytes. */
public final class AvroFlinkDeserializationSchema<T extends SpecificRecord> extends AvroFlinkSchema<T>
        implements DeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private transient AvroDeserializer<T> deserializer;

    public AvroFlinkDeserializationSchema(Class<T> type, Map<String, String> serdeConfig, String topic) {
        super(type, serdeConfig, topic);
    }

    @Override
    public void open(InitializationContext context) {
        deserializer = new AvroDeserializer<>(type, registry());
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
