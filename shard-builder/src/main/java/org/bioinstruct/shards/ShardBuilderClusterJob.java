package org.bioinstruct.shards;

import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.StageArgs;
import org.bioinstruct.schemas.topics.OutputSchemaException;

/**
 * Entry point of the job jar for a Flink cluster: {@code flink run [-s SAVEPOINT] shard-builder-job.jar
 * [--config FILE] [key=value ...]}. Same settings and pipeline as the embedded job; the cluster provides
 * the runtime, restarts and (with {@code -s}) the state to resume from. Exit 2 on invalid configuration, 1 if the
 * registry does not accept the manifest topic's value schema (checked before the job is submitted).
 */
public final class ShardBuilderClusterJob {
    private ShardBuilderClusterJob() {
    }

    public static void main(String[] args) throws Exception {
        ShardBuilderSettings config = StageArgs.parse(args, ShardBuilderSettings::from).orElse(null);
        if (config == null) {
            System.exit(StageArgs.INVALID_CONFIG_EXIT);
            return;
        }
        StreamExecutionEnvironment env;
        try {
            env = StreamExecutionEnvironment.getExecutionEnvironment(ShardBuilderJob.jobConfiguration(config));
            boolean restoring = env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent();
            StoreGuard.checkFreshStart(config, restoring);
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(StageArgs.INVALID_CONFIG_EXIT);
            return;
        }
        try {
            ShardBuilderJob.checkOutputSchema(config);
        } catch (OutputSchemaException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        env.setParallelism(config.parallelism());
        new ShardBuilderJob(config, KafkaConnectors.acceptedSource(config), KafkaConnectors.manifestSink(config),
                KafkaConnectors.deadLetterSink(config)).build(env);
        env.execute(ShardBuilderJob.JOB_NAME);
    }
}
