package org.bioinstruct.evaluator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.stage.LoopSettings;
import org.bioinstruct.schemas.stage.Outputs;
import org.bioinstruct.schemas.stage.TransactionalLoop;
import org.bioinstruct.schemas.stage.TransactionalStage;
import org.bioinstruct.schemas.stage.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every EVAL shard manifest (from the start of the shards topic, each run) into the held-out set, and
 * evaluates each adapter checkpoint (or, with {@code evaluator.skip.to.newest}, only the newest of those waiting)
 * on the held-out suite and the configured benchmark files once there is something to evaluate on. Metrics and the
 * checkpoint consumer offset are committed in one Kafka transaction ({@link TransactionalLoop}), so a restart
 * neither loses nor repeats an evaluation. A checkpoint whose adapter cannot be loaded or evaluated, and an EVAL
 * shard whose file cannot be read, go to the DLQ. The shards topic is re-read from the start every run, so the
 * offset after the last dead-lettered EVAL manifest is committed for the group
 * {@code <group>}{@value #SHARDS_GROUP_SUFFIX} in the same transaction as its dead letter: a restart does not
 * dead-letter it again.
 */
public final class EvaluatorLoop extends TransactionalStage<AdapterCheckpoint> {
    static final String SHARDS_GROUP_SUFFIX = ".eval-shards";
    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorLoop.class);

    private final EvaluatorSettings settings;
    private final CheckpointEvaluator evaluator;
    private final HeldOutSet heldOut = new HeldOutSet();
    private final List<Suite> benchmarks;
    private final KafkaConsumer<byte[], byte[]> shards;
    private final Deserializer<ShardManifest> manifestDecoder;
    private final Serializer<EvalMetric> metricEncoder;
    /** Per shards partition: manifests below this offset were dealt with (dead-lettered if bad) by an earlier run. */
    private final Map<TopicPartition, Long> deadLetteredBelow = new HashMap<>();
    private volatile boolean running = true;
    private boolean toldWaiting;

    public EvaluatorLoop(EvaluatorSettings settings, CheckpointEvaluator evaluator, List<Suite> benchmarks) {
        super(loopSettings(settings), settings.topics().checkpoints().valueSerde(settings.serdeConfig()).deserializer(),
                AdapterCheckpoint.class.getSimpleName());
        this.settings = settings;
        this.evaluator = evaluator;
        this.benchmarks = List.copyOf(benchmarks);
        manifestDecoder = settings.topics().shardsReady().valueSerde(settings.serdeConfig()).deserializer();
        metricEncoder = settings.topics().evalMetrics().valueSerde(settings.serdeConfig()).serializer();
        shards = new KafkaConsumer<>(shardsConsumerConfig(settings));
    }

    /**
     * The checkpoints consumer is a static member: an evaluator restarted after a crash takes over its partition at
     * once instead of waiting for the dead member's session to time out (one evaluator per group, as its
     * transactional id).
     */
    static LoopSettings loopSettings(EvaluatorSettings s) {
        return new LoopSettings("evaluator", s.bootstrapServers(), s.kafkaOverrides(), s.groupId(),
                s.transactionalId(), s.topics().checkpoints().name(), s.topics().dlq().name(),
                Duration.ofMillis(s.pollMillis()), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4),
                s.skipToNewest());
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
        return TransactionalLoop.consumerConfig(loopSettings(settings));
    }

    @Override
    public void onStart() {
        LOG.info("evaluator reading {} and {} as group {}", settings.topics().shardsReady().name(),
                settings.topics().checkpoints().name(), settings.groupId());
    }

    @Override
    public void beforePoll(Transactions transactions) {
        catchUpOnShards(transactions);
    }

    /** Checkpoints wait until there is something to evaluate them on. */
    @Override
    public boolean ready(int waiting) {
        if (heldOut.isEmpty() && benchmarks.isEmpty()) {
            if (!toldWaiting) {
                LOG.info("{} checkpoint(s) waiting for a first EVAL shard", waiting);
                toldWaiting = true;
            }
            return false;
        }
        return true;
    }

    @Override
    public void onStop() {
        running = false;
        shards.wakeup();
    }

    @Override
    public void onClose() {
        shards.close();
    }

    /** Reads the shards topic up to its current end, so a checkpoint is scored on every eval shard so far. */
    private void catchUpOnShards(Transactions transactions) {
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
            shards.poll(Duration.ofMillis(100)).forEach(record -> collectShard(record, transactions));
        }
    }

    private void collectShard(ConsumerRecord<byte[], byte[]> record, Transactions transactions) {
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
            deadLetterOnce(record, e, transactions);
        }
    }

    private void deadLetterOnce(ConsumerRecord<byte[], byte[]> record, ShardFile.ShardFileException error,
                                Transactions transactions) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < deadLetteredBelow.getOrDefault(partition, 0L)) {
            LOG.info("eval shard at {}@{} was dead-lettered by an earlier run", partition, record.offset());
            return;
        }
        Outputs outputs = transactions.outputs();
        outputs.deadLetter(record, error, "unusable EVAL shard: " + error.getMessage());
        transactions.commit(outputs, Map.of(partition, new OffsetAndMetadata(record.offset() + 1)),
                shards.groupMetadata());
        deadLetteredBelow.put(partition, record.offset() + 1);
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, AdapterCheckpoint checkpoint, Outputs outputs) {
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
            outputs.deadLetter(record, e, "cannot evaluate adapter " + checkpoint.getUri() + ": " + e);
            return;
        }
        String topic = settings.topics().evalMetrics().name();
        for (EvalMetric m : metrics) {
            outputs.send(topic, Integer.toString(version), metricEncoder, m);
            Object category = m.getCategory() == null ? "all" : m.getCategory();
            LOG.info("adapter v{} {} {} {}: {} = {} (base {}, gain {}, n={})", version, m.getSuite(), category,
                    m.getTask(), m.getMetric(), fmt(m.getValue()), fmt(m.getBaseline()), fmt(m.getGain()), m.getN());
        }
    }

    private static String fmt(double value) {
        return String.format("%.4f", value);
    }
}
