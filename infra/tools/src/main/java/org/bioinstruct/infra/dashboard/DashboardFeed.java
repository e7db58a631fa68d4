package org.bioinstruct.infra.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's server-side subscription: one consumer without a group that reads the training and eval
 * metrics, the accepted and rejected instructions and the shard manifests from their beginning (committed
 * records only) and folds them into the state. Topics that do not exist yet are picked up when they appear.
 */
public final class DashboardFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DashboardState state;
    private final TopicCatalogue topics;
    private final Map<String, ?> serdeConfig;
    private final List<TopicSpec<String, ?>> specs;
    private final Thread thread;
    private volatile boolean running = true;
    private long undecodable;

    public DashboardFeed(String bootstrapServers, Map<String, String> kafkaOverrides, Map<String, ?> serdeConfig,
                         TopicCatalogue topics, DashboardState state) {
        this.consumer = new KafkaConsumer<>(KafkaClientConfigs.readCommittedConsumer(bootstrapServers, null, kafkaOverrides));
        this.state = state;
        this.topics = topics;
        this.serdeConfig = serdeConfig;
        this.specs = List.of(topics.trainingMetrics(), topics.evalMetrics(), topics.accepted(), topics.rejected(),
                topics.shardsReady());
        this.thread = new Thread(this::run, "dashboard-feed");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Map<String, Deserializer<?>> decoders = new java.util.HashMap<>();
        specs.forEach(s -> decoders.put(s.name(), s.valueSerde(serdeConfig).deserializer()));
        long nextAssign = 0;
        try {
            while (running) {
                if (System.currentTimeMillis() >= nextAssign) {
                    assignNewPartitions();
                    nextAssign = System.currentTimeMillis() + 5_000;
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    fold(decoders.get(r.topic()), r);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            if (running) {
                LOG.error("dashboard feed stopped: {}", e.toString());
            }
        } finally {
            consumer.close();
        }
    }

    private void fold(Deserializer<?> decoder, ConsumerRecord<byte[], byte[]> r) {
        Object value;
        try {
            value = decoder.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException e) {
            if (undecodable++ == 0) {
                LOG.warn("skipping undecodable record in {}: {}", r.topic(), e.getMessage());
            }
            return;
        }
        if (r.topic().equals(topics.trainingMetrics().name())) {
            state.add((org.bioinstruct.schemas.avro.TrainingMetric) value);
        } else if (r.topic().equals(topics.evalMetrics().name())) {
            state.add((org.bioinstruct.schemas.avro.EvalMetric) value);
        } else if (r.topic().equals(topics.accepted().name())) {
            state.add((org.bioinstruct.schemas.avro.AcceptedInstruction) value);
        } else if (r.topic().equals(topics.rejected().name())) {
            state.add((org.bioinstruct.schemas.avro.RejectedInstruction) value);
        } else {
            state.add((org.bioinstruct.schemas.avro.ShardManifest) value);
        }
    }

    private void assignNewPartitions() {
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(5));
        for (TopicSpec<String, ?> spec : specs) {
            for (PartitionInfo p : existing.getOrDefault(spec.name(), List.of())) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                if (!all.contains(tp)) {
                    all.add(tp);
                    added.add(tp);
                }
            }
        }
        if (!added.isEmpty()) {
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(10_000);
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close();
        }
    }
}
