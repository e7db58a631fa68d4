package org.bioinstruct.shards;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.bioinstruct.schemas.config.KafkaSecurity;

/** The real source and sinks: Kafka, read_committed in, EXACTLY_ONCE (transactional) out. */
public final class KafkaConnectors {
    private KafkaConnectors() {
    }

    public static KafkaSource<DecodedRecord> acceptedSource(ShardBuilderSettings config) {
        return acceptedSource(config, new AcceptedRecordDeserializer(config.serdeConfig()));
    }

    public static KafkaSource<DecodedRecord> acceptedSource(
            ShardBuilderSettings config, KafkaRecordDeserializationSchema<DecodedRecord> deserializer) {
        return KafkaSource.<DecodedRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setProperties(kafkaProperties(config))
                .setTopics(config.acceptedTopic())
                .setGroupId(config.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setDeserializer(deserializer)
                .build();
    }

    public static KafkaSink<ShardDescriptor> manifestSink(ShardBuilderSettings config) {
        return transactionalSink(config, config.transactionalIdPrefix(),
                new ManifestRecordSerializer(config.shardsTopic(), config.serdeConfig()));
    }

    public static KafkaSink<DeadLetter> deadLetterSink(ShardBuilderSettings config) {
        return transactionalSink(config, config.transactionalIdPrefix() + "-dlq",
                new DeadLetterRecordSerializer(config.dlqTopic()));
    }

    private static <T> KafkaSink<T> transactionalSink(ShardBuilderSettings config, String transactionalIdPrefix,
                                                      KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = kafkaProperties(config);
        producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Integer.toString(config.transactionTimeoutMs()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(serializer)
                .build();
    }

    private static Properties kafkaProperties(ShardBuilderSettings config) {
        Properties properties = new Properties();
        properties.putAll(KafkaSecurity.clientProperties(config.kafkaOverrides()));
        return properties;
    }
}
