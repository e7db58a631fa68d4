package org.bioinstruct.infra.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.audit.PipelineAudit;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.LocalStack;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.infra.stage.StageLauncher;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.split.ShardSelection;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * {@code bioinstruct demo}: brings up the embedded stack in an empty data directory, runs every stage as
 * its own JVM, shows progress until all generated instructions have reached the newest adapter's eval
 * metrics, shuts everything down and writes {@code summary.json}.
 */
public final class DemoRun {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final List<Stage> SERVICES =
            List.of(Stage.FILTER, Stage.SHARD_BUILDER, Stage.TRAINER, Stage.EVALUATOR);

    private final ProjectLayout layout;
    private final PrintStream out;

    public DemoRun(ProjectLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public DemoSummary run(DemoOptions options) throws InterruptedException {
        TopicCatalogue catalogue = TopicCatalogue.from(Settings.of(options.stageSettings()));
        ShardSelection selection = ShardSelection.from(Settings.of(options.stageSettings()));
        refuseUsedDataDir(options.dataDir());
        long started = System.nanoTime();
        List<JvmProcess> stages = new ArrayList<>();
        out.println("starting the local stack (KRaft broker, schema registry) under " + options.dataDir());
        try (LocalStack stack = LocalStack.start(layout, options.dataDir(), 0, 0, 0, catalogue)) {
            Thread onInterrupt = new Thread(() -> stopAll(stages, stack));
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            out.println("broker " + stack.state().bootstrapServers() + ", registry " + stack.state().registryUrl());
            StageLauncher launcher = new StageLauncher(layout, options.dataDir());
            Map<String, String> common = commonSettings(stack, options);
            for (Stage stage : SERVICES) {
                stages.add(launcher.start(stage, common));
            }
            Map<String, String> generatorSettings = new HashMap<>(common);
            generatorSettings.put("generator.count", Integer.toString(options.count()));
            generatorSettings.put("generator.seed", Long.toString(options.seed()));
            JvmProcess generator = launcher.start(Stage.GENERATOR, generatorSettings);
            stages.add(generator);
            if (!selection.selectsEveryCategory()) {
                out.println("training shards hold " + selection.trainingCategories() + " only (shards.categories); "
                        + "evaluation shards every category");
            }
            out.println("stages started: " + stages.stream().map(p -> p.name() + " (pid " + p.pid() + ")").toList()
                    + "; logs in " + options.dataDir().resolve("logs"));

            PipelineCounts counts;
            try (PipelineWatcher watcher = new PipelineWatcher(catalogue, selection, stack.state().bootstrapServers(),
                    stack.state().registryUrl())) {
                counts = awaitCompletion(watcher, generator, stages, options, started);
            }
            stopAll(stages, null);
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            audit(common, options.dataDir().resolve("audit.json"));
            DemoSummary summary = DemoSummary.of(counts, options, seconds(started));
            summary.write(options.dataDir().resolve("summary.json"));
            return summary;
        } finally {
            stopAll(stages, null);
        }
    }

    /** {@code bioinstruct audit} on the finished run, while the stack is still up: printed and kept as JSON. */
    private void audit(Map<String, String> settings, Path report) {
        AuditReport audit = new PipelineAudit(Settings.of(settings)).run();
        try {
            Files.writeString(report, audit.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("audit: " + (audit.consistent() ? "consistent" : "MISMATCH " + audit.mismatches().stream()
                .map(m -> m.kind() + " x" + m.count()).toList()) + " (" + report + ")");
    }

    private PipelineCounts awaitCompletion(PipelineWatcher watcher, JvmProcess generator, List<JvmProcess> stages,
                                           DemoOptions options, long started) throws InterruptedException {
        long deadline = started + options.timeout().toNanos();
        ProgressLine progress = new ProgressLine(options.count());
        while (true) {
            PipelineCounts counts = watcher.snapshot();
            Optional<String> missing = Completion.missing(counts, options.count());
            out.println(progress.render(seconds(started), counts, missing));
            if (missing.isEmpty()) {
                return counts;
            }
            failIfAStageDied(stages, generator);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("demo did not finish within " + options.timeout().toSeconds()
                        + " s: " + missing.get() + "; see the logs in " + options.dataDir().resolve("logs"));
            }
            Thread.sleep(PROGRESS_EVERY.toMillis());
        }
    }

    private static void failIfAStageDied(List<JvmProcess> stages, JvmProcess generator) {
        for (JvmProcess stage : stages) {
            Optional<Integer> exit = stage.exitCode();
            boolean finishedWell = stage == generator && exit.equals(Optional.of(0));
            if (exit.isPresent() && !finishedWell) {
                throw new IllegalStateException("stage " + stage.name() + " exited with code " + exit.get()
                        + "; last lines of " + stage.log() + ":\n" + stage.logTail(25));
            }
        }
    }

    private static Map<String, String> commonSettings(LocalStack stack, DemoOptions options) {
        Map<String, String> settings = new HashMap<>(options.stageSettings());
        settings.put(CommonKeys.BOOTSTRAP_SERVERS, stack.state().bootstrapServers());
        settings.put(CommonKeys.SCHEMA_REGISTRY_URL, stack.state().registryUrl());
        settings.put(CommonKeys.DATA_DIR, options.dataDir().toString());
        settings.putIfAbsent(CommonKeys.RUN_ID, "demo");
        return settings;
    }

    /** A finished or half-used directory is never overwritten. */
    private static void refuseUsedDataDir(Path dataDir) {
        if (Files.exists(dataDir.resolve("summary.json"))) {
            throw new IllegalStateException(dataDir + " already holds a finished demo run (summary.json); "
                    + "inspect it with 'bioinstruct up --data-dir " + dataDir + "', or run the demo with a new --data-dir");
        }
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(dataDir + " is not empty (an earlier, unfinished run or other "
                            + "files); the demo starts from an empty directory: choose a new --data-dir");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopAll(List<JvmProcess> stages, LocalStack stack) {
        stages.parallelStream().forEach(JvmProcess::close);
        if (stack != null) {
            stack.close();
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
