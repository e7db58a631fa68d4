package org.bioinstruct.schemas.stage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consume, process, produce and commit, exactly once: each input is decoded and handed to the stage's
 * {@link RecordHandler}, and what that produced is sent together with the input's offset in one Kafka
 * transaction. An input that cannot be decoded goes to the DLQ, with the error in headers, in that same
 * transaction. On a Kafka error the transaction is aborted and the loop ends with the error: the process exits and
 * its restart rewinds to the last committed offset, so nothing is lost or produced twice.
 *
 * <p>The consumer reads only committed records and is a static group member (its {@code group.instance.id} is the
 * transactional id), so a restarted instance takes over its partitions at once instead of waiting out the dead
 * member's session; the restarted producer's {@code initTransactions} fences the old one. {@link #stop} finishes
 * the input in hand and returns; {@link #stopOnShutdown} does that on SIGTERM.
 *
 * @param <V> the decoded input value
 */
public final class TransactionalLoop<V> implements Transactions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalLoop.class);

    private final LoopSettings settings;
    private final Deserializer<V> decoder;
    private final String valueName;
    private final RecordHandler<V> handler;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Polled inputs not yet handled (the handler may not be ready for them). */
    private final Deque<ConsumerRecord<byte[], byte[]>> waiting = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param decoder   decodes an input's value; an exception it throws sends the input to the DLQ
     * @param valueName what a value is, for the DLQ message ({@code undecodable <valueName>: ...})
     */
    public TransactionalLoop(LoopSettings settings, Deserializer<V> decoder, String valueName,
                             RecordHandler<V> handler) {
        this.settings = settings;
        this.decoder = decoder;
        this.valueName = valueName;
        this.handler = handler;
        this.consumer = new KafkaConsumer<>(consumerConfig(settings));
        this.producer = new KafkaProducer<>(producerConfig(settings));
    }

    /**
     * A read_committed consumer of the group, with the stage's defaults and static membership under the
     * {@code kafka.*} overrides.
     */
    public static Map<String, Object> consumerConfig(LoopSettings settings) {
        Map<String, Object> config = KafkaClientConfigs.readCommittedConsumer(settings.bootstrapServers(),
                settings.groupId(), settings.kafkaOverrides());
        settings.consumerDefaults().forEach(config::putIfAbsent);
        config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.transactionalId());
        return config;
    }

    public static Map<String, Object> producerConfig(LoopSettings settings) {
        return KafkaClientConfigs.transactionalProducer(settings.bootstrapServers(), settings.transactionalId(),
                settings.kafkaOverrides());
    }

    /** Runs until {@link #stop}; Kafka errors end it with an exception (bad inputs go to the DLQ). */
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(settings.inputTopic()));
            LOG.info("{} consuming {} as group {} (transactional id {})", settings.stage(), settings.inputTopic(),
                    settings.groupId(), settings.transactionalId());
            handler.onStart();
            while (running) {
                handler.beforePoll(this);
                consumer.poll(settings.pollTimeout()).forEach(waiting::add);
                if (waiting.isEmpty() || !handler.ready(waiting.size())) {
                    continue;
                }
                if (settings.skipToNewest() && waiting.size() > 1) {
                    skipToNewest();
                }
                while (running && !waiting.isEmpty()) {
                    handleInTransaction(waiting.peek());
                    waiting.remove();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
    }

    /** Asks the loop to finish the input in hand and return; waits up to {@code timeout} for it to close. */
    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        handler.onStop();
        consumer.wakeup();
        closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On SIGTERM, {@link #stop} waiting up to {@code timeout}. */
    public void stopOnShutdown(Duration timeout) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, settings.stage() + "-shutdown"));
    }

    /** Drops every waiting input but the last; its offset commit covers the skipped ones. */
    private void skipToNewest() {
        ConsumerRecord<byte[], byte[]> newest = waiting.peekLast();
        LOG.info("{}: {} records waiting on {}, skipping to the newest (offset {})", settings.stage(), waiting.size(),
                settings.inputTopic(), newest.offset());
        waiting.clear();
        waiting.add(newest);
    }

    /**
     * Handles the input outside any transaction, then sends what that produced together with the offset in one
     * short transaction: a long handling can outlast neither a transaction timeout nor, with max.poll.interval.ms
     * raised, the group membership.
     */
    private void handleInTransaction(ConsumerRecord<byte[], byte[]> input) {
        Outputs outputs = outputs();
        V value;
        try {
            value = decoder.deserialize(input.topic(), input.headers(), input.value());
        } catch (RuntimeException e) {
            outputs.deadLetter(input, e, "undecodable " + valueName + ": " + e.getMessage());
            commitInput(input, outputs);
            return;
        }
        handler.handle(input, value, outputs);
        commitInput(input, outputs);
    }

    private void commitInput(ConsumerRecord<byte[], byte[]> input, Outputs outputs) {
        commit(outputs, Map.of(new TopicPartition(input.topic(), input.partition()),
                new OffsetAndMetadata(input.offset() + 1)), consumer.groupMetadata());
    }

    @Override
    public Outputs outputs() {
        return new Outputs(settings.stage(), settings.dlqTopic());
    }

    @Override
    public void commit(Outputs outputs, Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        producer.beginTransaction();
        try {
            outputs.drain().forEach(producer::send);
            producer.sendOffsetsToTransaction(offsets, group);
            producer.commitTransaction();
        } catch (KafkaException e) {
            abortQuietly();
            throw e;
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("could not abort transaction: {}", e.toString());
        }
    }

    /** Closes the handler's resources, the consumer and the producer; {@link #stop} returns once this is done. */
    @Override
    public void close() {
        try {
            handler.onClose();
            consumer.close();
            producer.close();
        } finally {
            closed.countDown();
        }
    }
}
