package org.bioinstruct.shards;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.flink.AvroFlinkSerializationSchema;

/** Turns a {@link ShardDescriptor} into a shards-topic record: key the shard id, value the Avro manifest. */
public final class ManifestRecordSerializer implements KafkaRecordSerializationSchema<ShardDescriptor> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final AvroFlinkSerializationSchema<ShardManifest> values;

    public ManifestRecordSerializer(String topic, Map<String, String> serdeConfig) {
        this.topic = topic;
        this.values = new AvroFlinkSerializationSchema<>(ShardManifest.class, serdeConfig, topic);
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        values.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(ShardDescriptor shard, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, shard.shardId().getBytes(StandardCharsets.UTF_8),
                values.serialize(shard.toManifest()));
    }
}
