package org.bioinstruct.schemas.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class TransactionalLoopTest {
    private static LoopSettings settings(Map<String, String> overrides) {
        return new LoopSettings("stage", "b:9092", overrides, "group", "stage-producer", "in", "dlq",
                Duration.ofMillis(100), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1), false);
    }

    @Test
    void consumerIsAReadCommittedStaticMemberNamedLikeItsTransactionalProducer() {
        Map<String, Object> c = TransactionalLoop.consumerConfig(settings(Map.of()));
        assertEquals("group", c.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("stage-producer", c.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertEquals("read_committed", c.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals(false, c.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals(1, c.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    }

    @Test
    void kafkaOverridesWinOverTheStageDefaultsAndTheInstanceId() {
        Map<String, Object> c = TransactionalLoop.consumerConfig(settings(Map.of("max.poll.records", "7",
                "group.instance.id", "node-1")));
        assertEquals("7", c.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("node-1", c.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }

    @Test
    void producerIsIdempotentAndTransactional() {
        Map<String, Object> p = TransactionalLoop.producerConfig(settings(Map.of()));
        assertEquals("stage-producer", p.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        assertEquals(true, p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
    }
}
