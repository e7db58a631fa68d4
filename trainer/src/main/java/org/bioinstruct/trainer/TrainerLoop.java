package org.bioinstruct.trainer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.adapters.Lineage;
import org.bioinstruct.trainer.adapters.ShardRef;
import org.bioinstruct.trainer.training.ShardTrainer;
import org.bioinstruct.trainer.training.StepMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes shard manifests in order; per manifest it trains the shard into a new adapter version on disk (or
 * skips it), then in one Kafka transaction publishes the training metrics and the adapter checkpoint (or
 * dead-letters the manifest) and commits the consumer offset. A crash between writing an adapter and
 * committing is healed on restart: the manifest comes back, its shard is found in the newest adapter's lineage
 * and that version's metrics (from its trainer_state.json) and checkpoint are published again.
 */
public final class TrainerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerLoop.class);

    private final TrainerSettings settings;
    private final ShardTrainer trainer;
    private final TrainingProgress progress;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Deserializer<ShardManifest> manifests;
    private final Serializer<AdapterCheckpoint> checkpoints;
    private final Serializer<TrainingMetric> metrics;
    private final Serializer<String> keys = new StringSerializer();
    /** What handling the current manifest produced, sent in its transaction. */
    private final List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    public TrainerLoop(TrainerSettings settings, ShardTrainer trainer) {
        this.settings = settings;
        this.trainer = trainer;
        this.progress = new TrainingProgress(System.err, settings.metricsEvery());
        this.manifests = settings.topics().shardsReady().valueSerde(settings.serdeConfig()).deserializer();
        this.checkpoints = settings.topics().checkpoints().valueSerde(settings.serdeConfig()).serializer();
        this.metrics = settings.topics().trainingMetrics().valueSerde(settings.serdeConfig()).serializer();
        this.consumer = new KafkaConsumer<>(consumerConfig(settings));
        this.producer = new KafkaProducer<>(producerConfig(settings));
    }

    static Map<String, Object> consumerConfig(TrainerSettings s) {
        Map<String, Object> c = KafkaClientConfigs.readCommittedConsumer(s.bootstrapServers(), s.groupId(),
                s.kafkaOverrides());
        // one manifest per poll: each is trained and committed in its own transaction
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // training a shard happens between two polls; on a real model it can take a while
        c.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofHours(1).toMillis());
        // static membership: a trainer restarted after a crash takes over its partition at once instead of
        // waiting for the dead member's session to time out (one trainer per group, by design)
        c.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, s.transactionalId());
        return c;
    }

    static Map<String, Object> producerConfig(TrainerSettings s) {
        return KafkaClientConfigs.transactionalProducer(s.bootstrapServers(), s.transactionalId(), s.kafkaOverrides());
    }

    /** Runs until {@link #stop()}; Kafka errors other than bad records end it with an exception. */
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(settings.topics().shardsReady().name()));
            LOG.info("trainer consuming {} as group {}; next adapter version v{}",
                    settings.topics().shardsReady().name(), settings.groupId(), trainer.nextVersion());
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(settings.pollMillis()))) {
                    handleInTransaction(record);
                    if (!running) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
    }

    /** Asks the loop to finish the manifest in hand and return; waits up to {@code timeout} for it to close. */
    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        consumer.wakeup();
        stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Trains (or skips) outside any transaction, then publishes what that produced together with the offset in
     * one short transaction: a long training run can outlast neither a transaction timeout nor, with
     * max.poll.interval.ms raised, the group membership.
     */
    private void handleInTransaction(ConsumerRecord<byte[], byte[]> record) {
        pending.clear();
        handle(record);
        producer.beginTransaction();
        try {
            pending.forEach(producer::send);
            pending.clear();
            producer.sendOffsetsToTransaction(
                    Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                    consumer.groupMetadata());
            producer.commitTransaction();
        } catch (KafkaException e) {
            abortQuietly();
            throw e;
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        ShardManifest manifest;
        try {
            manifest = manifests.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            deadLetter(record, e, "undecodable ShardManifest: " + e.getMessage());
            return;
        }
        String shardId = manifest.getShardId();
        if (manifest.getSplit() == Split.EVAL) {
            LOG.info("shard {}: EVAL split, not trained", shardId);
            return;
        }
        switch (trainer.decide(shardId, position(record))) {
            case ALREADY_TRAINED -> LOG.info("shard {}: already in adapter lineage, skipped", shardId);
            case REPUBLISH -> republish(shardId);
            case TRAIN -> train(record, manifest);
        }
    }

    private static ShardRef.ManifestPosition position(ConsumerRecord<byte[], byte[]> record) {
        return new ShardRef.ManifestPosition(record.topic(), record.partition(), record.offset());
    }

    /** The newest version's transaction may have been aborted: publish its metrics and checkpoint again. */
    private void republish(String shardId) {
        AdapterVersion current = trainer.current().orElseThrow();
        LOG.info("shard {}: already trained into v{}, publishing its metrics and checkpoint again", shardId,
                current.version());
        try {
            trainer.history(current).forEach(step -> publishMetric(current.version(), shardId, step));
        } catch (IOException e) {
            LOG.warn("shard {}: cannot read the metrics of v{}: {}", shardId, current.version(), e.toString());
        }
        publishCheckpoint(current);
    }

    private void train(ConsumerRecord<byte[], byte[]> record, ShardManifest manifest) {
        String shardId = manifest.getShardId();
        List<Example> examples;
        try {
            examples = ShardFile.read(manifest.getUri(), manifest.getSha256(), manifest.getFormat());
        } catch (ShardFile.ShardFileException e) {
            LOG.error("shard {}: {} - sent to the DLQ, not trained", shardId, e.getMessage());
            deadLetter(record, e, e.getMessage());
            return;
        }
        if (examples.isEmpty()) {
            deadLetter(record, new IllegalArgumentException("empty shard"), "shard " + shardId + " has no examples");
            return;
        }
        int version = trainer.nextVersion();
        LOG.info("shard {}: training {} examples into adapter v{}", shardId, examples.size(), version);
        ShardRef shard = new ShardRef(shardId, manifest.getUri(), manifest.getSha256(), manifest.getFormat(),
                position(record));
        AdapterVersion written;
        try {
            written = trainer.train(shard, examples, step -> {
                progress.show(version, shardId, step);
                publishMetric(version, shardId, step);
            });
        } catch (KafkaException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("shard {}: training failed - sent to the DLQ", shardId, e);
            deadLetter(record, e, "training failed: " + e);
            return;
        }
        Lineage lineage = written.lineage();
        LOG.info("shard {}: wrote adapter v{} (loss {}, {} examples, {} tokens)", shardId, lineage.version(),
                String.format("%.4f", lineage.loss()), lineage.examples(), lineage.tokens());
        publishCheckpoint(written);
    }

    private void publishMetric(int version, String shardId, StepMetrics step) {
        if (step.step() % settings.metricsEvery() != 0 && step.step() != step.totalSteps()) {
            return;
        }
        TrainingMetric metric = TrainingMetric.newBuilder()
                .setRunId(settings.runId())
                .setAdapterVersion(version)
                .setShardId(shardId)
                .setStep(step.globalStep())
                .setLoss(step.loss())
                .setLearningRate(step.learningRate())
                .setTokensPerSecond(step.tokensPerSecond())
                .setGradNorm(step.gradNorm())
                .setTimestamp(Instant.now())
                .build();
        send(settings.topics().trainingMetrics().name(), settings.runId(), metrics, metric);
    }

    private void publishCheckpoint(AdapterVersion version) {
        AdapterCheckpoint checkpoint = Checkpoints.of(version);
        send(settings.topics().checkpoints().name(), Integer.toString(version.version()), checkpoints, checkpoint);
    }

    private <V> void send(String topic, String key, Serializer<V> serializer, V value) {
        pending.add(new ProducerRecord<>(topic, keys.serialize(topic, key), serializer.serialize(topic, value)));
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error, String message) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(settings.topics().dlq().name(), record.key(),
                record.value());
        DlqHeaders.addError(dead.headers(), "trainer", error.getClass().getName(), message);
        DlqHeaders.addSource(dead.headers(), record.topic(), record.partition(), record.offset());
        pending.add(dead);
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("could not abort transaction: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            consumer.close();
            producer.close();
        } finally {
            stopped.countDown();
        }
    }
}
