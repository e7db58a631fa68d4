package org.bioinstruct.schemas.topics;

import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.serde.AvroSerializer;
import org.bioinstruct.schemas.serde.SerdeConfig;

/**
 * A stage's start-up check of the value schemas it writes: each is registered (or found) under its topic's
 * subject before the stage consumes or produces anything, so a schema the registry refuses (409, incompatible)
 * stops the stage at once with {@link OutputSchemaException} instead of on its first record. The registry
 * comes from the same serde config as the stage's serializers, so they find the ids cached.
 */
public final class OutputSchemas {
    private OutputSchemas() {
    }

    /** Registers the value schema of every Avro topic in {@code topics}; other topics (the DLQ's bytes) pass. */
    public static void registerAll(Map<String, ?> serdeConfig, List<? extends TopicSpec<?, ?>> topics) {
        for (TopicSpec<?, ?> topic : topics) {
            if (topic.valueSerde(serdeConfig).serializer() instanceof AvroSerializer<?> avro) {
                register(topic.name(), avro);
            }
        }
    }

    /** Registers {@code type}'s schema as the value schema of {@code topic}, for stages that hold only names. */
    public static <T extends SpecificRecord> int register(Map<String, ?> serdeConfig, String topic, Class<T> type) {
        return register(topic, new AvroSerializer<>(type, SerdeConfig.registry(serdeConfig), false));
    }

    private static int register(String topic, AvroSerializer<?> serializer) {
        try {
            return serializer.registerSchema(topic);
        } catch (RegistryException e) {
            throw new OutputSchemaException(topic, serializer.type().getSimpleName(), e);
        }
    }
}
