package org.bioinstruct.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bioinstruct.schemas.config.KafkaClientConfigs;

/**
 * Reads every committed record of a topic, from its beginning to the end offsets it had when reading started,
 * with no consumer group (so an operator command or an audit never moves a stage's offsets).
 */
public final class TopicScan {
    private final String bootstrapServers;
    private final Map<String, String> kafkaOverrides;

    public TopicScan(String bootstrapServers, Map<String, String> kafkaOverrides) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaOverrides = Map.copyOf(kafkaOverrides);
    }

    /** @return the number of records handed to {@code handler} */
    public long forEach(String topic, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        return forEachWhile(topic, record -> {
            handler.accept(record);
            return true;
        });
    }

    /**
     * Like {@link #forEach}, but stops early once {@code handler} returns false (the records of that poll
     * after it are not handed over).
     */
    public long forEachWhile(String topic, Predicate<ConsumerRecord<byte[], byte[]>> handler) {
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.readCommittedConsumer(bootstrapServers, null, kafkaOverrides))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (!reachedEnd(consumer, ends)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    seen++;
                    if (!handler.test(record)) {
                        return seen;
                    }
                }
            }
        }
        return seen;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
