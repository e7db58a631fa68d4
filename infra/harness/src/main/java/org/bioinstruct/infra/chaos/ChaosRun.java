package org.bioinstruct.infra.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.pipeline.Completion;
import org.bioinstruct.infra.pipeline.PipelineCounts;
import org.bioinstruct.infra.pipeline.PipelineRun;
import org.bioinstruct.infra.pipeline.PipelineSettings;
import org.bioinstruct.infra.pipeline.PipelineWatcher;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.Split;

/**
 * The demo pipeline under faults: every stage its own JVM on the embedded stack, while a seeded
 * {@link ChaosPlan} kill -9s the filter, the shard-builder, the trainer and the evaluator and restarts the
 * broker once; after the last fault the pipeline must drain by itself (everything filtered, sharded,
 * trained and the newest adapter evaluated), then {@code bioinstruct audit} reconciles the topics and files.
 * A stage that exits without being killed fails the run, so a fault never hides behind a restart.
 */
public final class ChaosRun {
    static final List<Stage> VICTIMS = PipelineRun.SERVICES;
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ProjectLayout layout;
    private final PrintStream out;
    private final Map<String, Integer> kills = new TreeMap<>();
    private final List<String> faults = new ArrayList<>();
    private long lastProgress;

    public ChaosRun(ProjectLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public ChaosReport run(ChaosOptions options) throws InterruptedException {
        long started = System.nanoTime();
        PipelineSettings settings = new PipelineSettings(options.dataDir(), "chaos", options.stageSettings());
        try (PipelineRun run = PipelineRun.startStack(layout, settings, "a chaos run")) {
            VICTIMS.forEach(run::start);
            run.startGenerator(options.count(), options.seed(), Map.of("generator.rate", Double.toString(options.rate())));
            long stagesStarted = System.nanoTime();
            List<ChaosEvent> plan = ChaosPlan.of(VICTIMS.stream().map(Stage::cliName).toList(),
                    options.killsPerStage(), options.firstFaultAfter().toMillis(), options.window().toMillis(),
                    options.minPause().toMillis(), options.maxPause().toMillis(), options.seed());
            out.println("chaos plan (seed " + options.seed() + "): " + plan);
            PipelineCounts counts;
            try (PipelineWatcher watcher = run.watcher()) {
                for (ChaosEvent event : plan) {
                    awaitTime(stagesStarted + event.atMillis() * 1_000_000L, run, watcher, options, started);
                    apply(event, run, watcher.snapshot());
                }
                counts = awaitDrained(run, watcher, options, started);
            }
            run.stopStages();
            return report(counts, run.audit(), seconds(started));
        }
    }

    private void apply(ChaosEvent event, PipelineRun run, PipelineCounts at) throws InterruptedException {
        String where = String.format(Locale.ROOT, "t=%.1f s after the stages started, %s", event.atMillis() / 1000.0, progress(at));
        if (event.isBrokerRestart()) {
            run.restartBroker(Duration.ofMillis(event.pauseMillis()));
            faults.add("broker stopped and restarted after " + event.pauseMillis() + " ms (" + where + ")");
        } else {
            Stage stage = Stage.byCliName(event.target());
            ProcessHandle victim = ProcessHandle.of(run.process(stage).pid()).orElseThrow(() ->
                    new IllegalStateException(stage.cliName() + " is not running when it should be killed"));
            victim.destroyForcibly();
            victim.onExit().join();
            Thread.sleep(event.pauseMillis());
            run.start(stage);
            kills.merge(stage.cliName(), 1, Integer::sum);
            faults.add("kill -9 " + stage.cliName() + ", restarted after " + event.pauseMillis() + " ms (" + where + ")");
        }
        out.println("fault: " + faults.get(faults.size() - 1));
    }

    private void awaitTime(long deadlineNanos, PipelineRun run, PipelineWatcher watcher, ChaosOptions options,
                           long started) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            tick(run, watcher, options, started);
        }
    }

    private PipelineCounts awaitDrained(PipelineRun run, PipelineWatcher watcher, ChaosOptions options, long started)
            throws InterruptedException {
        while (true) {
            PipelineCounts counts = watcher.snapshot();
            if (Completion.missing(counts, options.count()).isEmpty()) {
                return counts;
            }
            tick(run, watcher, options, started);
        }
    }

    private void tick(PipelineRun run, PipelineWatcher watcher, ChaosOptions options, long started)
            throws InterruptedException {
        run.failIfAStageDied();
        if (System.nanoTime() - started > options.timeout().toNanos()) {
            throw new IllegalStateException("chaos run did not drain within " + options.timeout().toSeconds() + " s: "
                    + Completion.missing(watcher.snapshot(), options.count()).orElse("?") + "; logs in "
                    + options.dataDir().resolve("logs"));
        }
        if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
            lastProgress = System.nanoTime();
            out.printf(Locale.ROOT, "[%5.1f s] %s%n", seconds(started), progress(watcher.snapshot()));
        }
        Thread.sleep(TICK.toMillis());
    }

    private static String progress(PipelineCounts c) {
        return String.format(Locale.ROOT, "generated %d, filtered %d, in shards %d (%d shards), adapter versions %d, "
                        + "eval metrics %d", c.generated(), c.accepted() + c.rejected() + c.deadLettered(),
                c.examplesInShards(), c.shards().size(), c.checkpoints().size(), c.evalMetrics().size());
    }

    private ChaosReport report(PipelineCounts c, AuditReport audit, double seconds) {
        int brokerRestarts = (int) faults.stream().filter(f -> f.startsWith("broker")).count();
        int newest = c.latestCheckpoint().map(AdapterCheckpoint::getAdapterVersion).orElse(0);
        return new ChaosReport(kills, brokerRestarts, faults, c.generated(), c.accepted(), c.rejected(),
                c.deadLettered(), c.shards().size(), c.shardIds(Split.TRAIN).size(), c.shardIds(Split.EVAL).size(),
                c.examplesInShards(), c.checkpoints().size(), newest, audit, seconds);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
