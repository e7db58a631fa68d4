package org.bioinstruct.infra.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bioinstruct.schemas.config.KafkaClientConfigs;

/** Reads a DLQ topic from its beginning to the end offsets it had when reading started (no consumer group). */
public final class DlqReader {
    private DlqReader() {
    }

    public static List<DlqRecord> read(String bootstrapServers, Map<String, String> kafkaOverrides, String topic,
                                       Predicate<DlqRecord> filter, int limit) {
        List<DlqRecord> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.readCommittedConsumer(bootstrapServers, null, kafkaOverrides))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (out.size() < limit && !reachedEnd(consumer, ends)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    DlqRecord dlq = new DlqRecord(record);
                    if (out.size() < limit && filter.test(dlq)) {
                        out.add(dlq);
                    }
                }
            }
        }
        return out;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
