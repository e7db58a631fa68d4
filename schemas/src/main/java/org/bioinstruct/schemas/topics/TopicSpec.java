package org.bioinstruct.schemas.topics;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalogue: its name, how keys and values are (de)serialized, and how it is created.
 *
 * @param role       stable logical name, e.g. {@code raw}; the setting {@code topic.<role>} renames the topic
 * @param name       the Kafka topic name
 * @param keySerde   makes an unconfigured key serde
 * @param valueSerde makes an unconfigured value serde
 */
public record TopicSpec<K, V>(
        String role,
        String name,
        Supplier<Serde<K>> keySerde,
        Supplier<Serde<V>> valueSerde,
        int partitions,
        Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** A key serde configured with {@code serdeConfig} (which carries {@code schema.registry.url}). */
    public Serde<K> keySerde(Map<String, ?> serdeConfig) {
        Serde<K> serde = keySerde.get();
        serde.configure(serdeConfig, true);
        return serde;
    }

    public Serde<V> valueSerde(Map<String, ?> serdeConfig) {
        Serde<V> serde = valueSerde.get();
        serde.configure(serdeConfig, false);
        return serde;
    }

    TopicSpec<K, V> renamed(String newName, int newPartitions) {
        return new TopicSpec<>(role, newName, keySerde, valueSerde, newPartitions, configs);
    }
}
