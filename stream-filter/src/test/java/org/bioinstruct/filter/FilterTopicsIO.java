package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/** Raw tasks into a test broker and the filter's committed decisions out of it, for one set of topic names. */
final class FilterTopicsIO {
    /** How long a read waits for the decisions it expects. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private final SingleNodeKafka cluster;
    private final Map<String, ?> serdeConfig;
    private final TopicCatalogue topics;

    FilterTopicsIO(SingleNodeKafka cluster, Map<String, ?> serdeConfig, TopicCatalogue topics) {
        this.cluster = cluster;
        this.serdeConfig = serdeConfig;
        this.topics = topics;
    }

    void produce(List<RawInstruction> tasks) {
        try (KafkaProducer<String, RawInstruction> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                topics.raw().keySerde(serdeConfig).serializer(), topics.raw().valueSerde(serdeConfig).serializer())) {
            tasks.forEach(task -> producer.send(new ProducerRecord<>(topics.raw().name(), task.getId(), task)));
        }
    }

    /** The ids of the accepted tasks, in topic order, once {@code count} arrived or {@link #WAIT} passed. */
    List<String> acceptedIds(int count) {
        var values = topics.accepted().valueSerde(serdeConfig).deserializer();
        return cluster.readCommitted(topics.accepted().name(), count, WAIT).stream()
                .map(record -> values.deserialize(topics.accepted().name(), record.value()))
                .map(AcceptedInstruction::getId).toList();
    }

    /** The rejected tasks by id; fails unless exactly {@code count} arrived within {@link #WAIT}. */
    Map<String, RejectedInstruction> rejected(int count) {
        var values = topics.rejected().valueSerde(serdeConfig).deserializer();
        Map<String, RejectedInstruction> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : cluster.readCommitted(topics.rejected().name(), count, WAIT)) {
            RejectedInstruction rejected = values.deserialize(topics.rejected().name(), record.value());
            byId.put(rejected.getId(), rejected);
        }
        assertEquals(count, byId.size(), byId.keySet().toString());
        return byId;
    }
}
