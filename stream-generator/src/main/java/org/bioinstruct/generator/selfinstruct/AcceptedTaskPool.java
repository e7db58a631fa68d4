package org.bioinstruct.generator.selfinstruct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageSettings;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machine-generated tasks the filter accepted, for Self-Instruct's "seeds + machine tasks" prompts. A
 * background thread reads the accepted topic from the beginning (no consumer group, read_committed) and
 * keeps a bounded uniform reservoir of tasks that were generated, not imported from a corpus.
 */
public final class AcceptedTaskPool implements MachineTaskPool, AutoCloseable {
    /** Sources of corpus imports start with this; they are not examples of generated tasks. */
    public static final String CORPUS_SOURCE_PREFIX = "corpus:";
    private static final Logger LOG = LoggerFactory.getLogger(AcceptedTaskPool.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final long TOPIC_RETRY_MS = 2_000;

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Deserializer<AcceptedInstruction> values;
    private final TaskReservoir reservoir;
    private final AtomicLong undecodable = new AtomicLong();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    AcceptedTaskPool(Consumer<byte[], byte[]> consumer, String topic, Deserializer<AcceptedInstruction> values,
                     int capacity, long seed) {
        this.consumer = consumer;
        this.topic = topic;
        this.values = values;
        this.reservoir = new TaskReservoir(capacity, new Random(seed));
        this.thread = new Thread(this::run, "selfinstruct-accepted-pool");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts reading {@code TopicCatalogue.from(settings).accepted()} with the stage's
     * {@code bootstrap.servers}, {@code schema.registry.url} and {@code kafka.*} overrides.
     */
    public static AcceptedTaskPool start(Settings settings, int capacity, long seed) {
        StageSettings stage = StageSettings.from(settings);
        TopicSpec<String, AcceptedInstruction> accepted = stage.topics().accepted();
        Map<String, Object> config = KafkaClientConfigs.readCommittedConsumer(stage.bootstrapServers(), null,
                stage.kafkaOverrides());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "bioinstruct-generator-accepted-pool");
        return new AcceptedTaskPool(new KafkaConsumer<>(config), accepted.name(),
                accepted.valueSerde(stage.serdeConfig()).deserializer(), capacity, seed);
    }

    @Override
    public List<SeedTask> sample(int n, Random random) {
        return reservoir.sample(n, random);
    }

    /** Tasks held now (at most the capacity). */
    public int size() {
        return reservoir.size();
    }

    /** Generated (non-corpus) accepted tasks read so far. */
    public long seen() {
        return reservoir.offered();
    }

    /** Records that could not be decoded and were skipped. */
    public long undecodable() {
        return undecodable.get();
    }

    private void run() {
        try {
            if (!assignAllPartitions()) {
                return;
            }
            while (stop.getCount() > 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    offer(record);
                }
            }
        } catch (WakeupException e) {
            if (stop.getCount() > 0) {
                LOG.warn("accepted-task pool reader woken up unexpectedly; machine tasks stay at {}", size());
            }
        } catch (RuntimeException e) {
            LOG.warn("accepted-task pool stopped reading {}: {}; machine tasks stay at {}", topic, e.toString(), size());
        } finally {
            consumer.close();
        }
    }

    /** Waits for the topic to exist (the filter may not have created it yet); false when stopped first. */
    private boolean assignAllPartitions() {
        while (stop.getCount() > 0) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>(infos.size());
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                return true;
            }
            try {
                if (stop.await(TOPIC_RETRY_MS, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void offer(ConsumerRecord<byte[], byte[]> record) {
        AcceptedInstruction accepted;
        try {
            accepted = values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            if (undecodable.incrementAndGet() == 1) {
                LOG.warn("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.toString());
            }
            return;
        }
        if (accepted == null || accepted.getSource().toString().startsWith(CORPUS_SOURCE_PREFIX)) {
            return;
        }
        reservoir.offer(new SeedTask(accepted.getId().toString(), accepted.getInstruction().toString(),
                accepted.getInput().toString(), accepted.getOutput().toString(), accepted.getCategory()));
    }

    /** Stops the reader and closes its consumer. */
    @Override
    public void close() {
        stop.countDown();
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
