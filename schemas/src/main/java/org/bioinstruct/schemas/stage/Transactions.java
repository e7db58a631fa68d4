package org.bioinstruct.schemas.stage;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The loop's transactional producer, for a stage that also commits offsets of a side input (e.g. its own group). */
public interface Transactions {
    /** An empty collection of outputs. */
    Outputs outputs();

    /**
     * Sends {@code outputs} and commits {@code offsets} for {@code group} in one transaction; on a Kafka error the
     * transaction is aborted and the error rethrown.
     */
    void commit(Outputs outputs, Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group);
}
