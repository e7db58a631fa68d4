package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class EvaluatorConsumerConfigTest {
    @Test
    void checkpointsConsumerIsAStaticMemberNamedLikeItsTransactionalProducer() {
        Map<String, Object> c = EvaluatorLoop.checkpointsConsumerConfig(EvaluatorSettingsTest.settings(Map.of()));
        assertEquals("bioinstruct-evaluator", c.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("bioinstruct-evaluator-producer", c.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertEquals(4, c.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("read_committed", c.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
    }

    @Test
    void anExplicitInstanceIdWinsAndTheAssignedShardsConsumerJoinsNoGroup() {
        EvaluatorSettings settings = EvaluatorSettingsTest.settings(Map.of("evaluator.transactional.id", "eval-a",
                "kafka.group.instance.id", "eval-node-1"));
        assertEquals("eval-node-1", EvaluatorLoop.checkpointsConsumerConfig(settings)
                .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        Map<String, Object> shards = EvaluatorLoop.shardsConsumerConfig(settings);
        assertEquals("bioinstruct-evaluator.eval-shards", shards.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertFalse(shards.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }
}
