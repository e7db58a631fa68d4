package org.bioinstruct.schemas.stage;

import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A stage that is the {@link RecordHandler} of its own {@link TransactionalLoop}: it handles the inputs, and
 * running, stopping and closing it runs, stops and closes the loop.
 *
 * @param <V> the decoded input value
 */
public abstract class TransactionalStage<V> implements RecordHandler<V>, AutoCloseable {
    private final TransactionalLoop<V> loop;

    /** Creates the loop's consumer and producer; the handler is first called from {@link #run}. */
    protected TransactionalStage(LoopSettings settings, Deserializer<V> decoder, String valueName) {
        this.loop = new TransactionalLoop<>(settings, decoder, valueName, this);
    }

    /** Runs until {@link #stop}; Kafka errors other than bad records end it with an exception. */
    public final void run() {
        loop.run();
    }

    /** Asks the loop to finish the input in hand and return; waits up to {@code timeout} for it to close. */
    public final void stop(Duration timeout) throws InterruptedException {
        loop.stop(timeout);
    }

    /** On SIGTERM, {@link #stop} waiting up to {@code timeout}. */
    public final void stopOnShutdown(Duration timeout) {
        loop.stopOnShutdown(timeout);
    }

    /** Closes the loop, which calls {@link #onClose} first. */
    @Override
    public final void close() {
        loop.close();
    }
}
