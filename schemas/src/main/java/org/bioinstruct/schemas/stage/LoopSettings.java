package org.bioinstruct.schemas.stage;

import java.time.Duration;
import java.util.Map;

/**
 * What a {@link TransactionalLoop} needs to know.
 *
 * @param stage            the stage's name, e.g. {@code trainer}: in logs, the DLQ's stage header and thread names
 * @param bootstrapServers the brokers
 * @param kafkaOverrides   the stage's {@code kafka.*} settings without the prefix; they win over everything here
 * @param groupId          the consumer group of the input topic
 * @param transactionalId  the producer's transactional id; also the consumer's static {@code group.instance.id}
 *                         unless {@code kafka.group.instance.id} names another
 * @param inputTopic       the topic consumed
 * @param dlqTopic         where undecodable and unusable records go, with the error in headers
 * @param pollTimeout      how long one poll waits for records
 * @param consumerDefaults consumer settings of this stage that {@code kafka.*} may still override
 *                         (e.g. {@code max.poll.records})
 * @param skipToNewest     when several records wait, handle only the newest; its offset commits the others
 */
public record LoopSettings(
        String stage,
        String bootstrapServers,
        Map<String, String> kafkaOverrides,
        String groupId,
        String transactionalId,
        String inputTopic,
        String dlqTopic,
        Duration pollTimeout,
        Map<String, Object> consumerDefaults,
        boolean skipToNewest) {

    public LoopSettings {
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        consumerDefaults = Map.copyOf(consumerDefaults);
    }
}
