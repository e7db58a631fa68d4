package org.bioinstruct.shards;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.StageArgs;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard builder, embedded: {@code ShardBuilderMain --config FILE key=value...} runs {@link ShardBuilderJob} in a
 * local MiniCluster until the process is terminated; on SIGTERM it stops with a savepoint (committing the last
 * manifests) and the next start resumes from the newest retained checkpoint or savepoint in the checkpoint
 * directory. Exit 2 on invalid configuration, 1 if the registry does not accept the manifest topic's value schema at
 * start-up (before the job is submitted). On a Flink cluster the entry point is {@link ShardBuilderClusterJob}.
 */
public final class ShardBuilderMain {
    private static final Logger LOG = LoggerFactory.getLogger(ShardBuilderMain.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private ShardBuilderMain() {
    }

    public static void main(String[] args) throws Exception {
        ShardBuilderSettings settings = StageArgs.parse(args, ShardBuilderSettings::from).orElse(null);
        if (settings == null) {
            System.exit(StageArgs.INVALID_CONFIG_EXIT);
            return;
        }
        JobClient job;
        try {
            job = ShardBuilderJob.start(settings, Map.of());
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(StageArgs.INVALID_CONFIG_EXIT);
            return;
        } catch (OutputSchemaException e) {
            LOG.error(e.getMessage());
            System.exit(1);
            return;
        }
        runUntilTerminated(job, settings);
    }

    /** Waits for the job; on SIGTERM stops it with a savepoint first. */
    static void runUntilTerminated(JobClient job, ShardBuilderSettings settings) throws Exception {
        Thread stopper = new Thread(() -> stop(job, settings), "shard-builder-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        job.getJobExecutionResult().get();
        LOG.info("shard-builder job {} finished", job.getJobID());
    }

    /** Stop with a savepoint so the last manifests commit; if that fails the retained checkpoint remains. */
    private static void stop(JobClient job, ShardBuilderSettings settings) {
        String savepointDir = ShardBuilderJob.savepointDir(settings);
        LOG.info("shard-builder stopping: taking a final savepoint in {}", savepointDir);
        try {
            String savepoint = job.stopWithSavepoint(false, savepointDir,
                    SavepointFormatType.CANONICAL).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("shard-builder stopped with savepoint {}", savepoint);
        } catch (Exception e) {
            LOG.warn("shard-builder could not stop with a savepoint ({}); cancelling, the last retained "
                    + "checkpoint stays the restore point", e.toString());
            job.cancel();
        }
    }
}
