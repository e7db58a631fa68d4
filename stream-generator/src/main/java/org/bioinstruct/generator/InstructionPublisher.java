package org.bioinstruct.generator;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Draws tasks from a backend and sends them to the raw topic, paced, with progress lines. */
final class InstructionPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(InstructionPublisher.class);
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

    /** Sends {@code count} records (fewer if stopped or a send fails), flushes, and returns how many were sent. */
    long publish(long count, RatePacer pacer) throws InterruptedException {
        long sent = 0;
        while (sent < count && !stopRequested && sendFailure.get() == null) {
            for (CandidateTask task : backend.nextBatch((int) Math.min(BATCH, count - sent))) {
                pacer.awaitTurn(sent);
                RawInstruction record = records.toRecord(task, sent + 1);
                producer.send(new ProducerRecord<>(topic, record.getId(), record), (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                });
                sent++;
                if (sent % BATCH == 0 || sent == count) {
                    LOG.info("generated {}/{}", sent, count);
                }
            }
        }
        producer.flush();
        return sent;
    }

    /** The first send that failed, if any; after {@link #publish} returns, every send has completed. */
    Exception failure() {
        return sendFailure.get();
    }
}
