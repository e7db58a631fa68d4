package org.bioinstruct.shards;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.bioinstruct.schemas.topics.OutputSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard-builder Flink job: accepted instructions in, shard files plus their manifests out.
 * Source and sinks are injected (Kafka in production, a bounded source and collecting sinks in tests);
 * the logic lives in {@link DeadLetterRouter}, {@link org.bioinstruct.schemas.split.ShardSelection} and
 * {@link ShardBatcher}.
 *
 * <p>{@link #start} submits it to a local MiniCluster ({@link ShardBuilderMain}), resuming from the newest
 * retained checkpoint or savepoint in the checkpoint directory; {@link ShardBuilderClusterJob} builds it on a
 * Flink cluster.
 */
public final class ShardBuilderJob {
    private static final Logger LOG = LoggerFactory.getLogger(ShardBuilderJob.class);
    public static final String JOB_NAME = "bioinstruct-shard-builder";
    public static final String SOURCE_UID = "accepted-source";
    public static final String ROUTER_UID = "dead-letter-router";
    public static final String CATEGORY_UID = "category-selection";
    public static final String BATCHER_UID = "shard-batcher";
    public static final String MANIFEST_SINK_UID = "manifest-sink";
    public static final String DLQ_SINK_UID = "dlq-sink";

    private final ShardBuilderSettings config;
    private final Source<DecodedRecord, ?, ?> source;
    private final Sink<ShardDescriptor> manifestSink;
    private final Sink<DeadLetter> deadLetterSink;

    public ShardBuilderJob(ShardBuilderSettings config, Source<DecodedRecord, ?, ?> source,
                           Sink<ShardDescriptor> manifestSink, Sink<DeadLetter> deadLetterSink) {
        this.config = config;
        this.source = source;
        this.manifestSink = manifestSink;
        this.deadLetterSink = deadLetterSink;
    }

    /** Adds the pipeline to {@code env}; every operator has a stable uid so checkpoints restore. */
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<InstructionExample> examples = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "accepted-instructions").uid(SOURCE_UID)
                .process(new DeadLetterRouter()).uid(ROUTER_UID).name("route-dead-letters");
        examples.getSideOutput(DeadLetterRouter.DEAD_LETTERS)
                .sinkTo(deadLetterSink).uid(DLQ_SINK_UID).name("dlq");
        examples
                .filter(new CategorySelection(config.shardSelection())).uid(CATEGORY_UID).name("select-categories")
                .keyBy(new ShardKeys(config.splitAssigner(), config.batching()))
                .transform("batch-into-shards", TypeInformation.of(ShardDescriptor.class),
                        new ShardBatcherOperator(new ShardBatcher(config.shardSpec())))
                .uid(BATCHER_UID)
                .sinkTo(manifestSink).uid(MANIFEST_SINK_UID).name("shard-manifests");
    }

    /** Flink settings for this job in a local MiniCluster: {@link #jobConfiguration} and a small cluster. */
    public static Configuration flinkConfiguration(ShardBuilderSettings config) {
        Configuration flink = jobConfiguration(config);
        flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        flink.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("16m"));
        flink.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("16m"));
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
        return flink;
    }

    /** The job's own settings, in any cluster: exactly-once checkpoints, retained, no Kryo fallback. */
    public static Configuration jobConfiguration(ShardBuilderSettings config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(config.checkpointIntervalMs()));
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointUri());
        flink.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepointDir(config));
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        return flink;
    }

    /**
     * Submits the job to a local MiniCluster, resuming from the newest retained checkpoint or stop savepoint
     * when {@code shards.restore} is on; {@code flinkOverrides} adjust the Flink configuration. Throws
     * {@link OutputSchemaException}, before anything runs, if the registry does not accept the manifest schema.
     */
    public static JobClient start(ShardBuilderSettings config, Map<String, String> flinkOverrides) throws Exception {
        checkOutputSchema(config);
        Configuration flink = flinkConfiguration(config);
        flink.addAll(Configuration.fromMap(flinkOverrides));
        Optional<Path> restorePoint = config.restore()
                ? config.localCheckpointDir().flatMap(RetainedCheckpoints::newest) : Optional.empty();
        restorePoint.ifPresent(path -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toString()));
        StoreGuard.checkFreshStart(config, restorePoint.isPresent());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(config.parallelism());
        new ShardBuilderJob(config, KafkaConnectors.acceptedSource(config), KafkaConnectors.manifestSink(config),
                KafkaConnectors.deadLetterSink(config)).build(env);
        JobClient job = env.executeAsync(JOB_NAME);
        LOG.info("shard-builder running (job {}): {} -> {} shards of {} ({}, {}) in {}, eval fraction {}, "
                        + "categories {}{}, restored from {}",
                job.getJobID(), config.acceptedTopic(), config.shardsTopic(), config.shardSize(),
                config.batching().configName(), config.shardSpec().manifestFormat(), config.storeUri(),
                config.evalFraction(), config.categories(),
                config.mixture().isEmpty() ? "" : " mixed " + config.shardSpec().quotas(),
                restorePoint.map(Path::toString).orElse("nothing"));
        return job;
    }

    /** Registers the manifests' value schema before the job runs; the DLQ carries raw bytes. */
    static void checkOutputSchema(ShardBuilderSettings config) {
        OutputSchemas.register(config.serdeConfig(), config.shardsTopic(),
                ShardManifest.class);
    }

    static String savepointDir(ShardBuilderSettings config) {
        return config.checkpointUri() + "/savepoints";
    }
}
