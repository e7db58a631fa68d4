package org.bioinstruct.infra.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.topics.TopicSpec;

/** Reads every committed EvalMetric of the eval metrics topic, from its beginning to its current end. */
public final class EvalMetricsReader {
    private EvalMetricsReader() {
    }

    public static List<EvalMetric> readAll(String bootstrapServers, Map<String, String> kafkaOverrides,
                                           Map<String, Object> serdeConfig, TopicSpec<String, EvalMetric> topic) {
        Deserializer<EvalMetric> decoder = topic.valueSerde(serdeConfig).deserializer();
        List<EvalMetric> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.readCommittedConsumer(bootstrapServers, null, kafkaOverrides))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(decoder.deserialize(r.topic(), r.headers(), r.value()));
                }
            }
        }
        return out;
    }
}
