package org.bioinstruct.infra.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.pipeline.Completion;
import org.bioinstruct.infra.pipeline.PipelineCounts;
import org.bioinstruct.infra.pipeline.PipelineRun;
import org.bioinstruct.infra.pipeline.PipelineSettings;
import org.bioinstruct.infra.pipeline.PipelineWatcher;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.schemas.split.ShardSelection;

/**
 * {@code bioinstruct demo}: brings up the embedded stack in an empty data directory, runs every stage as
 * its own JVM, shows progress until all generated instructions have reached the newest adapter's eval
 * metrics, shuts everything down and writes {@code summary.json}.
 */
public final class DemoRun {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final ProjectLayout layout;
    private final PrintStream out;

    public DemoRun(ProjectLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public DemoSummary run(DemoOptions options) throws InterruptedException {
        PipelineSettings settings = new PipelineSettings(options.dataDir(), "demo", options.stageSettings());
        refuseFinishedRun(options.dataDir());
        long started = System.nanoTime();
        out.println("starting the local stack (KRaft broker, schema registry) under " + options.dataDir());
        try (PipelineRun run = PipelineRun.startStack(layout, settings, "the demo")) {
            Thread onInterrupt = new Thread(run::close);
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            out.println("broker " + run.stack().state().bootstrapServers() + ", registry " + run.stack().state().registryUrl());
            PipelineRun.SERVICES.forEach(run::start);
            run.startGenerator(options.count(), options.seed(), Map.of());
            ShardSelection selection = settings.shardSelection();
            if (!selection.selectsEveryCategory()) {
                out.println("training shards hold " + selection.trainingCategories() + " only (shards.categories); "
                        + "evaluation shards every category");
            }
            out.println("stages started: " + run.processes().stream().map(p -> p.name() + " (pid " + p.pid() + ")").toList()
                    + "; logs in " + options.dataDir().resolve("logs"));

            PipelineCounts counts;
            try (PipelineWatcher watcher = run.watcher()) {
                counts = awaitCompletion(run, watcher, options, started);
            }
            run.stopStages();
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            AuditReport audit = run.audit();
            out.println("audit: " + (audit.consistent() ? "consistent" : "MISMATCH " + audit.mismatches().stream()
                    .map(m -> m.kind() + " x" + m.count()).toList()) + " (" + options.dataDir().resolve("audit.json") + ")");
            DemoSummary summary = DemoSummary.of(counts, options, seconds(started));
            summary.write(options.dataDir().resolve("summary.json"));
            return summary;
        }
    }

    private PipelineCounts awaitCompletion(PipelineRun run, PipelineWatcher watcher, DemoOptions options, long started)
            throws InterruptedException {
        long deadline = started + options.timeout().toNanos();
        ProgressLine progress = new ProgressLine(options.count());
        while (true) {
            PipelineCounts counts = watcher.snapshot();
            Optional<String> missing = Completion.missing(counts, options.count());
            out.println(progress.render(seconds(started), counts, missing));
            if (missing.isEmpty()) {
                return counts;
            }
            run.failIfAStageDied();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("demo did not finish within " + options.timeout().toSeconds()
                        + " s: " + missing.get() + "; see the logs in " + options.dataDir().resolve("logs"));
            }
            Thread.sleep(PROGRESS_EVERY.toMillis());
        }
    }

    /** A finished run is never overwritten (a half-used directory neither: {@link PipelineRun#startStack}). */
    private static void refuseFinishedRun(Path dataDir) {
        if (Files.exists(dataDir.resolve("summary.json"))) {
            throw new IllegalStateException(dataDir + " already holds a finished demo run (summary.json); "
                    + "inspect it with 'bioinstruct up --data-dir " + dataDir + "', or run the demo with a new --data-dir");
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
