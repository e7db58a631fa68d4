package org.bioinstruct.generator;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bioinstruct.schemas.avro.RawInstruction;

/** Draws tasks from a backend and sends them to the raw topic, paced, showing progress. */
final class InstructionPublisher {
    private static final int BATCH = 100;

    private final GenerationBackend backend;
    private final RawInstructions records;
    private final Producer<String, RawInstruction> producer;
    private final String topic;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private volatile boolean stopRequested;

    InstructionPublisher(GenerationBackend backend, RawInstructions records,
                         Producer<String, RawInstruction> producer, String topic) {
        this.backend = backend;
        this.records = records;
        this.producer = producer;
        this.topic = topic;
    }

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Sends {@code count} records, or every record the backend has when {@code count} is 0; fewer if
     * stopped, if a send fails or if the backend runs out. Flushes, and returns how many were sent.
     */
    long publish(long count, RatePacer pacer, Progress progress) throws InterruptedException {
        long sent = 0;
        boolean exhausted = false;
        while ((count == 0 || sent < count) && !exhausted && !stopRequested && sendFailure.get() == null) {
            int wanted = (int) (count == 0 ? BATCH : Math.min(BATCH, count - sent));
            var batch = backend.nextBatch(wanted);
            exhausted = batch.isEmpty();
            for (CandidateTask task : batch) {
                pacer.awaitTurn(sent);
                send(task, ++sent);
                progress.update(sent);
            }
        }
        producer.flush();
        progress.finish(sent);
        return sent;
    }

    private void send(CandidateTask task, long sequence) {
        RawInstruction record = records.toRecord(task, sequence);
        producer.send(new ProducerRecord<>(topic, null, record.getId(), record, records.headers(task)),
                (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                });
    }

    /** The first send that failed, if any; after {@link #publish} returns, every send has completed. */
    Exception failure() {
        return sendFailure.get();
    }
}
