package org.bioinstruct.infra.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bioinstruct.schemas.config.KafkaClientConfigs;

/**
 * The newest committed record of a topic. Transaction markers take offsets too, so it reads a short tail of
 * each partition rather than only the last offset.
 */
public final class LatestRecord {
    private static final int TAIL = 64;

    private LatestRecord() {
    }

    public static Optional<ConsumerRecord<byte[], byte[]>> of(String bootstrapServers,
                                                             Map<String, String> kafkaOverrides, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.readCommittedConsumer(bootstrapServers, null, kafkaOverrides))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            partitions.forEach(tp -> consumer.seek(tp, Math.max(starts.get(tp), ends.get(tp) - TAIL)));
            ConsumerRecord<byte[], byte[]> latest = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (latest == null || record.timestamp() >= latest.timestamp()) {
                        latest = record;
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }
}
