package org.bioinstruct.schemas.flink;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.bioinstruct.schemas.registry.SchemaRegistry;
import org.bioinstruct.schemas.serde.SerdeConfig;

/**
 * What the Flink serialization and deserialization schemas carry to the task managers: the record type, the
 * topic and a serializable copy of the serde config ({@link SerdeConfig#of}); each opens its serde there.
 */
abstract class AvroFlinkSchema<T extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    final Class<T> type;
    final String topic;
    private final HashMap<String, String> serdeConfig;

    AvroFlinkSchema(Class<T> type, Map<String, String> serdeConfig, String topic) {
        this.type = type;
        this.serdeConfig = new HashMap<>(serdeConfig);
        this.topic = topic;
    }

    SchemaRegistry registry() {
        return SerdeConfig.registry(serdeConfig);
    }
}
