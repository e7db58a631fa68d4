package org.bioinstruct.trainer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.stage.LoopSettings;
import org.bioinstruct.schemas.stage.Outputs;
import org.bioinstruct.schemas.stage.TransactionalLoop;
import org.bioinstruct.schemas.stage.TransactionalStage;
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
 * dead-letters the manifest) and commits the consumer offset ({@link TransactionalLoop}). A crash between writing
 * an adapter and committing is healed on restart: the manifest comes back, its shard is found in the newest
 * adapter's lineage and that version's metrics (from its trainer_state.json) and checkpoint are published again.
 */
public final class TrainerLoop extends TransactionalStage<ShardManifest> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerLoop.class);

    private final TrainerSettings settings;
    private final ShardTrainer trainer;
    private final TrainingProgress progress;
    private final Serializer<AdapterCheckpoint> checkpoints;
    private final Serializer<TrainingMetric> metrics;

    public TrainerLoop(TrainerSettings settings, ShardTrainer trainer) {
        super(loopSettings(settings), settings.topics().shardsReady().valueSerde(settings.serdeConfig()).deserializer(),
                ShardManifest.class.getSimpleName());
        this.settings = settings;
        this.trainer = trainer;
        this.progress = new TrainingProgress(System.err, settings.metricsEvery());
        this.checkpoints = settings.topics().checkpoints().valueSerde(settings.serdeConfig()).serializer();
        this.metrics = settings.topics().trainingMetrics().valueSerde(settings.serdeConfig()).serializer();
    }

    /** Static membership (one trainer per group, by design): a restarted trainer takes over its partition at once. */
    static LoopSettings loopSettings(TrainerSettings s) {
        return new LoopSettings("trainer", s.bootstrapServers(), s.kafkaOverrides(), s.groupId(), s.transactionalId(),
                s.topics().shardsReady().name(), s.topics().dlq().name(), Duration.ofMillis(s.pollMillis()),
                Map.of(
                        // one manifest per poll: each is trained and committed in its own transaction
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                        // training a shard happens between two polls; on a real model it can take a while
                        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofHours(1).toMillis()),
                false);
    }

    @Override
    public void onStart() {
        LOG.info("trainer consuming {} as group {}; next adapter version v{}",
                settings.topics().shardsReady().name(), settings.groupId(), trainer.nextVersion());
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, ShardManifest manifest, Outputs outputs) {
        String shardId = manifest.getShardId();
        if (manifest.getSplit() == Split.EVAL) {
            LOG.info("shard {}: EVAL split, not trained", shardId);
            return;
        }
        switch (trainer.decide(shardId, position(record))) {
            case ALREADY_TRAINED -> LOG.info("shard {}: already in adapter lineage, skipped", shardId);
            case REPUBLISH -> republish(shardId, outputs);
            case TRAIN -> train(record, manifest, outputs);
        }
    }

    private static ShardRef.ManifestPosition position(ConsumerRecord<byte[], byte[]> record) {
        return new ShardRef.ManifestPosition(record.topic(), record.partition(), record.offset());
    }

    /** The newest version's transaction may have been aborted: publish its metrics and checkpoint again. */
    private void republish(String shardId, Outputs outputs) {
        AdapterVersion current = trainer.current().orElseThrow();
        LOG.info("shard {}: already trained into v{}, publishing its metrics and checkpoint again", shardId,
                current.version());
        try {
            trainer.history(current).forEach(step -> publishMetric(current.version(), shardId, step, outputs));
        } catch (IOException e) {
            LOG.warn("shard {}: cannot read the metrics of v{}: {}", shardId, current.version(), e.toString());
        }
        publishCheckpoint(current, outputs);
    }

    private void train(ConsumerRecord<byte[], byte[]> record, ShardManifest manifest, Outputs outputs) {
        String shardId = manifest.getShardId();
        List<Example> examples;
        try {
            examples = ShardFile.read(manifest.getUri(), manifest.getSha256(), manifest.getFormat());
        } catch (ShardFile.ShardFileException e) {
            LOG.error("shard {}: {} - sent to the DLQ, not trained", shardId, e.getMessage());
            outputs.deadLetter(record, e, e.getMessage());
            return;
        }
        if (examples.isEmpty()) {
            outputs.deadLetter(record, new IllegalArgumentException("empty shard"),
                    "shard " + shardId + " has no examples");
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
                publishMetric(version, shardId, step, outputs);
            });
        } catch (KafkaException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("shard {}: training failed - sent to the DLQ", shardId, e);
            outputs.deadLetter(record, e, "training failed: " + e);
            return;
        }
        Lineage lineage = written.lineage();
        LOG.info("shard {}: wrote adapter v{} (loss {}, {} examples, {} tokens)", shardId, lineage.version(),
                String.format("%.4f", lineage.loss()), lineage.examples(), lineage.tokens());
        publishCheckpoint(written, outputs);
    }

    private void publishMetric(int version, String shardId, StepMetrics step, Outputs outputs) {
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
        outputs.send(settings.topics().trainingMetrics().name(), settings.runId(), metrics, metric);
    }

    private void publishCheckpoint(AdapterVersion version, Outputs outputs) {
        AdapterCheckpoint checkpoint = Checkpoints.of(version);
        outputs.send(settings.topics().checkpoints().name(), Integer.toString(version.version()), checkpoints,
                checkpoint);
    }
}
