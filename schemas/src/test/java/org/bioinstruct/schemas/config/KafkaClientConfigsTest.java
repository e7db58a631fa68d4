package org.bioinstruct.schemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

    @Test
    void producerIsTransactionalAndIdempotentWithOverridesWinning() {
        Map<String, Object> config = KafkaClientConfigs.transactionalProducer("b:9092", "tx-1",
                Map.of("security.protocol", "SSL", "acks", "1"));
        assertEquals("tx-1", config.get("transactional.id"));
        assertEquals(true, config.get("enable.idempotence"));
        assertEquals("SSL", config.get("security.protocol"));
        assertEquals("1", config.get("acks"));
    }

    @Test
    void consumerReadsCommittedOnlyAndDropsGroupWhenNoneIsWanted() {
        Map<String, Object> grouped = KafkaClientConfigs.readCommittedConsumer("b:9092", "g", Map.of());
        assertEquals("read_committed", grouped.get("isolation.level"));
        assertEquals(false, grouped.get("enable.auto.commit"));
        assertEquals("g", grouped.get("group.id"));

        Map<String, Object> groupless = KafkaClientConfigs.readCommittedConsumer("b:9092", null,
                Map.of("group.id", "from-overrides"));
        assertFalse(groupless.containsKey("group.id"));
    }
}
