package org.bioinstruct.infra.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows topics as committed records (read_committed, from the beginning, no consumer group, so no stage's
 * offsets move) on a daemon thread until closed, handing every record to a handler. Each poll's records are
 * handed over while holding {@code lock}, so the owner reads a consistent view by synchronizing on it too.
 * The first failure stops following; {@link #failure} reports it.
 */
public final class TopicFollower implements AutoCloseable {
    /** Receives one record and the time (epoch ms) its poll returned. */
    @FunctionalInterface
    public interface Handler {
        void apply(ConsumerRecord<byte[], byte[]> record, long seenAt);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public TopicFollower(String name, String bootstrapServers, Collection<String> topics, int maxPollRecords,
                         Duration pollTimeout, Object lock, Handler handler) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(() -> follow(pollTimeout, lock, handler), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void follow(Duration pollTimeout, Object lock, Handler handler) {
        try {
            while (running) {
                var records = consumer.poll(pollTimeout);
                long seenAt = System.currentTimeMillis();
                synchronized (lock) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        handler.apply(record, seenAt);
                    }
                }
            }
        } catch (WakeupException closing) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    /** What stopped the following, or null while it runs (or after a clean close). */
    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
