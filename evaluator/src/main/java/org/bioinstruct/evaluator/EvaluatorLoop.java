package org.bioinstruct.evaluator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every EVAL shard manifest (from the start of the shards topic, each run) into the held-out set, and
 * evaluates each adapter checkpoint (or, with {@code evaluator.skip.to.newest}, only the newest of those waiting)
 * on the held-out suite and the configured benchmark files once there is something to evaluate on. Metrics and the checkpoint consumer offset are committed
 * in one Kafka transaction, so a restart neither loses nor repeats an evaluation. A checkpoint whose adapter
 * cannot be loaded or evaluated, and an EVAL shard whose file cannot be read, go to the DLQ. The shards topic is
 * re-read from the start every run, so the offset after the last dead-lettered EVAL manifest is committed for
 * the group {@code <group>}{@value #SHARDS_GROUP_SUFFIX} in the same transaction as its dead letter: a restart
 * does not dead-letter it again.
 */
public final class EvaluatorLoop implements AutoCloseable {
    static final String SHARDS_GROUP_SUFFIX = ".eval-shards";
    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorLoop.class);

    private final EvaluatorSettings settings;
    private final CheckpointEvaluator evaluator;
    private final HeldOutSet heldOut = new HeldOutSet();
    private final List<Suite> benchmarks;
    private final Deque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    private final KafkaConsumer<byte[], byte[]> shards;
    private final KafkaConsumer<byte[], byte[]> checkpoints;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Deserializer<ShardManifest> manifestDecoder;
    private final Deserializer<AdapterCheckpoint> checkpointDecoder;
    private final Serializer<EvalMetric> metricEncoder;
    private final Serializer<String> keys = new StringSerializer();
    /** Per shards partition: manifests below this offset were dealt with (dead-lettered if bad) by an earlier run. */
    private final Map<TopicPartition, Long> deadLetteredBelow = new HashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;
    private boolean toldWaiting;

    public EvaluatorLoop(EvaluatorSettings settings, CheckpointEvaluator evaluator, List<Suite> benchmarks) {
        this.settings = settings;
        this.evaluator = evaluator;
        this.benchmarks = List.copyOf(benchmarks);
        manifestDecoder = settings.topics().shardsReady().valueSerde(settings.serdeConfig()).deserializer();
        checkpointDecoder = settings.topics().checkpoints().valueSerde(settings.serdeConfig()).deserializer();
        metricEncoder = settings.topics().evalMetrics().valueSerde(settings.serdeConfig()).serializer();
        shards = new KafkaConsumer<>(shardsConsumerConfig(settings));
        checkpoints = new KafkaConsumer<>(checkpointsConsumerConfig(settings));
        producer = new KafkaProducer<>(KafkaClientConfigs.transactionalProducer(
                settings.bootstrapServers(), settings.transactionalId(), settings.kafkaOverrides()));
    }

    /**
     * Assigned its partitions, not subscribed: its group only keeps the offsets of dead-lettered EVAL shards, so a
     * {@code kafka.group.instance.id} meant for the checkpoints consumer is not passed on to it.
     */
    static Map<String, Object> shardsConsumerConfig(EvaluatorSettings settings) {
        Map<String, Object> c = KafkaClientConfigs.readCommittedConsumer(settings.bootstrapServers(),
                settings.groupId() + SHARDS_GROUP_SUFFIX, settings.kafkaOverrides());
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return c;
    }

    static Map<String, Object> checkpointsConsumerConfig(EvaluatorSettings settings) {
        Map<String, Object> c = KafkaClientConfigs.readCommittedConsumer(settings.bootstrapServers(), settings.groupId(),
                settings.kafkaOverrides());
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4);
        // static membership: an evaluator restarted after a crash takes over its partition at once instead of
        // waiting for the dead member's session to time out (one evaluator per group, as its transactional id)
        c.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.transactionalId());
        return c;
    }

    public void run() {
        try {
            producer.initTransactions();
            checkpoints.subscribe(List.of(settings.topics().checkpoints().name()));
            LOG.info("evaluator reading {} and {} as group {}", settings.topics().shardsReady().name(),
                    settings.topics().checkpoints().name(), settings.groupId());
            while (running) {
                catchUpOnShards();
                checkpoints.poll(Duration.ofMillis(settings.pollMillis())).forEach(pending::add);
                if (heldOut.isEmpty() && benchmarks.isEmpty()) {
                    if (!pending.isEmpty() && !toldWaiting) {
                        LOG.info("{} checkpoint(s) waiting for a first EVAL shard", pending.size());
                        toldWaiting = true;
                    }
                    continue;
                }
                if (settings.skipToNewest() && pending.size() > 1) {
                    skipToNewest();
                }
                while (running && !pending.isEmpty()) {
                    evaluateInTransaction(pending.peek());
                    pending.remove();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
    }

    /** Drops every waiting checkpoint but the last; its offset commit covers the skipped ones. */
    private void skipToNewest() {
        ConsumerRecord<byte[], byte[]> newest = pending.peekLast();
        LOG.info("{} checkpoints waiting: skipping to the newest (offset {})", pending.size(), newest.offset());
        pending.clear();
        pending.add(newest);
    }

    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        shards.wakeup();
        checkpoints.wakeup();
        closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the shards topic up to its current end, so a checkpoint is scored on every eval shard so far. */
    private void catchUpOnShards() {
        if (shards.assignment().isEmpty()) {
            List<PartitionInfo> partitions = shards.partitionsFor(settings.topics().shardsReady().name());
            if (partitions == null || partitions.isEmpty()) {
                return;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            shards.assign(assigned);
            shards.seekToBeginning(assigned);
            shards.committed(Set.copyOf(assigned)).forEach((tp, committed) -> {
                if (committed != null) {
                    deadLetteredBelow.put(tp, committed.offset());
                }
            });
        }
        Map<TopicPartition, Long> end = shards.endOffsets(shards.assignment());
        while (running && end.entrySet().stream().anyMatch(e -> shards.position(e.getKey()) < e.getValue())) {
            shards.poll(Duration.ofMillis(100)).forEach(this::collectShard);
        }
    }

    private void collectShard(ConsumerRecord<byte[], byte[]> record) {
        ShardManifest manifest;
        try {
            manifest = manifestDecoder.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            // the trainer, which consumes this topic in a group, dead-letters undecodable manifests
            LOG.warn("skipping undecodable manifest at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (manifest.getSplit() != Split.EVAL) {
            return;
        }
        try {
            heldOut.add(manifest.getShardId(), ShardFile.read(manifest.getUri(), manifest.getSha256(),
                    manifest.getFormat()));
            LOG.info("eval shard {}: {} held-out examples in all", manifest.getShardId(), heldOut.size());
        } catch (ShardFile.ShardFileException e) {
            LOG.error("eval shard {} not used: {}", manifest.getShardId(), e.getMessage());
            deadLetterOnce(record, e);
        }
    }

    private void deadLetterOnce(ConsumerRecord<byte[], byte[]> record, ShardFile.ShardFileException error) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < deadLetteredBelow.getOrDefault(partition, 0L)) {
            LOG.info("eval shard at {}@{} was dead-lettered by an earlier run", partition, record.offset());
            return;
        }
        producer.beginTransaction();
        try {
            deadLetter(record, error, "unusable EVAL shard: " + error.getMessage());
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)),
                    shards.groupMetadata());
            producer.commitTransaction();
        } catch (KafkaException e) {
            abortQuietly();
            throw e;
        }
        deadLetteredBelow.put(partition, record.offset() + 1);
    }

    private void evaluateInTransaction(ConsumerRecord<byte[], byte[]> record) {
        producer.beginTransaction();
        try {
            evaluate(record);
            producer.sendOffsetsToTransaction(
                    Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                    checkpoints.groupMetadata());
            producer.commitTransaction();
        } catch (KafkaException e) {
            abortQuietly();
            throw e;
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException abortFailed) {
            LOG.warn("could not abort transaction: {}", abortFailed.toString());
        }
    }

    private void evaluate(ConsumerRecord<byte[], byte[]> record) {
        AdapterCheckpoint checkpoint;
        try {
            checkpoint = checkpointDecoder.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            deadLetter(record, e, "undecodable AdapterCheckpoint: " + e.getMessage());
            return;
        }
        int version = checkpoint.getAdapterVersion();
        List<Suite> suites = new ArrayList<>();
        if (!heldOut.isEmpty()) {
            suites.add(heldOut.suite(settings.maxExamples()));
        }
        suites.addAll(benchmarks);
        LOG.info("adapter v{}: evaluating on {}", version, suites.stream()
                .map(x -> x.name() + " (" + x.items().size() + " items)").collect(Collectors.joining(", ")));
        List<EvalMetric> metrics;
        try {
            LoraAdapter adapter = LoraAdapter.load(Path.of(URI.create(checkpoint.getUri())));
            metrics = evaluator.evaluate(version, checkpoint.getRunId(), adapter, suites);
        } catch (IOException | RuntimeException e) {
            LOG.error("adapter v{} not evaluated: {}", version, e.toString());
            deadLetter(record, e, "cannot evaluate adapter " + checkpoint.getUri() + ": " + e);
            return;
        }
        String topic = settings.topics().evalMetrics().name();
        for (EvalMetric m : metrics) {
            producer.send(new ProducerRecord<>(topic, keys.serialize(topic, Integer.toString(version)),
                    metricEncoder.serialize(topic, m)));
            Object category = m.getCategory() == null ? "all" : m.getCategory();
            LOG.info("adapter v{} {} {} {}: {} = {} (base {}, gain {}, n={})", version, m.getSuite(), category, m.getTask(),
                    m.getMetric(), fmt(m.getValue()), fmt(m.getBaseline()), fmt(m.getGain()), m.getN());
        }
    }

    private static String fmt(double value) {
        return String.format("%.4f", value);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error, String message) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(settings.topics().dlq().name(), record.key(),
                record.value());
        DlqHeaders.addError(dead.headers(), "evaluator", error.getClass().getName(), message);
        DlqHeaders.addSource(dead.headers(), record.topic(), record.partition(), record.offset());
        producer.send(dead);
    }

    @Override
    public void close() {
        try {
            shards.close();
            checkpoints.close();
            producer.close();
        } finally {
            closed.countDown();
        }
    }
}
