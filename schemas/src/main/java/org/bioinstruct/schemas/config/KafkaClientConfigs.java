package org.bioinstruct.schemas.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The client settings the stages share, in one place. Stages decode and encode with the catalogue's serdes
 * themselves (so a bad record can go to the DLQ), so the clients move raw bytes. The {@code kafka.}
 * overrides of a stage's settings are applied last and win, with TLS/SASL resolved by {@link KafkaSecurity}
 * (so every client — producer, consumer, Streams, admin, Flink connector — is secured from one block).
 */
public final class KafkaClientConfigs {
    private KafkaClientConfigs() {
    }

    /** Idempotent, acks=all, transactional producer of byte arrays. */
    public static Map<String, Object> transactionalProducer(String bootstrapServers, String transactionalId,
                                                            Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(KafkaSecurity.clientProperties(overrides));
        return config;
    }

    /**
     * Consumer of byte arrays that sees only committed records, starts from the earliest offset and never
     * commits by itself; {@code groupId} null means no group (assign and seek).
     */
    public static Map<String, Object> readCommittedConsumer(String bootstrapServers, String groupId,
                                                            Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(KafkaSecurity.clientProperties(overrides));
        if (groupId == null) {
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        } else {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return config;
    }

    /** Any client (admin, Streams, Flink connector): the bootstrap servers plus the resolved overrides. */
    public static Map<String, Object> client(String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>(KafkaSecurity.clientProperties(overrides));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** {@link #client} as string properties, for Kafka Streams and Flink's connector builders. */
    public static Properties clientProperties(String bootstrapServers, Map<String, String> overrides) {
        Properties properties = new Properties();
        client(bootstrapServers, overrides).forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
        return properties;
    }
}
