package org.bioinstruct.schemas.stage;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one stage does with each input of a {@link TransactionalLoop}; every hook but {@link #handle} is optional.
 *
 * @param <V> the decoded input value
 */
public interface RecordHandler<V> {
    /**
     * Handles one decoded input. What it adds to {@code outputs} (results, dead letters) is sent in the transaction
     * that commits the input's offset. A Kafka error thrown here ends the loop; anything the stage can live with it
     * dead-letters instead.
     */
    void handle(ConsumerRecord<byte[], byte[]> input, V value, Outputs outputs);

    /** Once, after the loop has subscribed: e.g. log where the stage resumes. */
    default void onStart() {
    }

    /** Before every poll: e.g. read a side input, committing its own offsets through {@code transactions}. */
    default void beforePoll(Transactions transactions) {
    }

    /** Whether the {@code waiting} inputs may be handled now; false keeps them waiting for the next round. */
    default boolean ready(int waiting) {
        return true;
    }

    /** The loop is stopping: make any blocking call of the handler's own return (e.g. wake its consumers). */
    default void onStop() {
    }

    /** The loop is closing: release what the handler holds (its own consumers). */
    default void onClose() {
    }
}
