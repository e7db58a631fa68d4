package org.bioinstruct.infra.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.audit.PipelineAudit;
import org.bioinstruct.infra.demo.Completion;
import org.bioinstruct.infra.demo.PipelineCounts;
import org.bioinstruct.infra.demo.PipelineWatcher;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.LocalBroker;
import org.bioinstruct.infra.stack.LocalStack;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.infra.stage.StageLauncher;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.split.ShardSelection;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * The demo pipeline under faults: every stage its own JVM on the embedded stack, while a seeded
 * {@link ChaosPlan} kill -9s the filter, the shard-builder, the trainer and the evaluator and restarts the
 * broker once; after the last fault the pipeline must drain by itself (everything filtered, sharded,
 * trained and the newest adapter evaluated), then {@code bioinstruct audit} reconciles the topics and files.
 * A stage that exits without being killed fails the run, so a fault never hides behind a restart.
 */
public final class ChaosRun {
    static final List<Stage> VICTIMS = List.of(Stage.FILTER, Stage.SHARD_BUILDER, Stage.TRAINER, Stage.EVALUATOR);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ProjectLayout layout;
    private final PrintStream out;
    private final Map<Stage, JvmProcess> running = new EnumMap<>(Stage.class);
    private final Map<String, Integer> kills = new TreeMap<>();
    private final List<String> faults = new ArrayList<>();
    private JvmProcess broker;
    private long lastProgress;

    public ChaosRun(ProjectLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public ChaosReport run(ChaosOptions options) throws InterruptedException {
        requireEmpty(options.dataDir());
        long started = System.nanoTime();
        TopicCatalogue catalogue = TopicCatalogue.from(Settings.of(options.stageSettings()));
        try (LocalStack stack = LocalStack.start(layout, options.dataDir(), 0, 0, 0, catalogue)) {
            broker = stack.broker();
            try {
                Map<String, String> settings = commonSettings(stack, options);
                StageLauncher launcher = new StageLauncher(layout, options.dataDir());
                startStages(launcher, settings, options);
                long stagesStarted = System.nanoTime();
                List<ChaosEvent> plan = ChaosPlan.of(VICTIMS.stream().map(Stage::cliName).toList(),
                        options.killsPerStage(), options.firstFaultAfter().toMillis(), options.window().toMillis(),
                        options.minPause().toMillis(), options.maxPause().toMillis(), options.seed());
                out.println("chaos plan (seed " + options.seed() + "): " + plan);
                PipelineCounts counts;
                try (PipelineWatcher watcher = new PipelineWatcher(catalogue,
                        ShardSelection.from(Settings.of(options.stageSettings())), stack.state().bootstrapServers(),
                        stack.state().registryUrl())) {
                    for (ChaosEvent event : plan) {
                        awaitTime(stagesStarted + event.atMillis() * 1_000_000L, watcher, options, started);
                        apply(event, launcher, settings, stack, watcher.snapshot(), options);
                    }
                    counts = awaitDrained(watcher, options, started);
                }
                stopStages();
                AuditReport audit = new PipelineAudit(Settings.of(settings)).run();
                writeAudit(options.dataDir().resolve("audit.json"), audit);
                return report(counts, audit, seconds(started));
            } finally {
                stopStages();
                stack.registry().close();
                broker.close();
            }
        }
    }

    private void startStages(StageLauncher launcher, Map<String, String> settings, ChaosOptions options) {
        for (Stage stage : VICTIMS) {
            running.put(stage, launcher.start(stage, settings));
        }
        Map<String, String> generator = new HashMap<>(settings);
        generator.put("generator.count", Integer.toString(options.count()));
        generator.put("generator.seed", Long.toString(options.seed()));
        generator.put("generator.rate", Double.toString(options.rate()));
        running.put(Stage.GENERATOR, launcher.start(Stage.GENERATOR, generator));
    }

    private void apply(ChaosEvent event, StageLauncher launcher, Map<String, String> settings, LocalStack stack,
                       PipelineCounts at, ChaosOptions options) throws InterruptedException {
        String where = String.format(Locale.ROOT, "t=%.1f s after the stages started, %s", event.atMillis() / 1000.0, progress(at));
        if (event.isBrokerRestart()) {
            broker.close();
            Thread.sleep(event.pauseMillis());
            broker = LocalBroker.start(layout, options.dataDir(), stack.state().brokerPort(),
                    stack.state().controllerPort());
            faults.add("broker stopped and restarted after " + event.pauseMillis() + " ms (" + where + ")");
        } else {
            Stage stage = Stage.byCliName(event.target());
            ProcessHandle victim = ProcessHandle.of(running.get(stage).pid()).orElseThrow(() ->
                    new IllegalStateException(stage.cliName() + " is not running when it should be killed"));
            victim.destroyForcibly();
            victim.onExit().join();
            Thread.sleep(event.pauseMillis());
            running.put(stage, launcher.start(stage, settings));
            kills.merge(stage.cliName(), 1, Integer::sum);
            faults.add("kill -9 " + stage.cliName() + ", restarted after " + event.pauseMillis() + " ms (" + where + ")");
        }
        out.println("fault: " + faults.get(faults.size() - 1));
    }

    private void awaitTime(long deadlineNanos, PipelineWatcher watcher, ChaosOptions options, long started)
            throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            tick(watcher, options, started);
        }
    }

    private PipelineCounts awaitDrained(PipelineWatcher watcher, ChaosOptions options, long started)
            throws InterruptedException {
        while (true) {
            PipelineCounts counts = watcher.snapshot();
            if (Completion.missing(counts, options.count()).isEmpty()) {
                return counts;
            }
            tick(watcher, options, started);
        }
    }

    private void tick(PipelineWatcher watcher, ChaosOptions options, long started) throws InterruptedException {
        failIfAStageDied(options.dataDir());
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

    private void failIfAStageDied(Path dataDir) {
        if (!broker.isAlive()) {
            throw new IllegalStateException("the broker exited on its own:\n" + broker.logTail(25));
        }
        running.forEach((stage, process) -> {
            Optional<Integer> exit = process.exitCode();
            boolean generatorDone = stage == Stage.GENERATOR && exit.equals(Optional.of(0));
            if (exit.isPresent() && !generatorDone) {
                throw new IllegalStateException("stage " + stage.cliName() + " exited on its own with code "
                        + exit.get() + "; last lines of " + process.log() + ":\n" + process.logTail(40));
            }
        });
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

    private void stopStages() {
        running.values().parallelStream().forEach(JvmProcess::close);
    }

    private static Map<String, String> commonSettings(LocalStack stack, ChaosOptions options) {
        Map<String, String> settings = new HashMap<>(options.stageSettings());
        settings.put(CommonKeys.BOOTSTRAP_SERVERS, stack.state().bootstrapServers());
        settings.put(CommonKeys.SCHEMA_REGISTRY_URL, stack.state().registryUrl());
        settings.put(CommonKeys.DATA_DIR, options.dataDir().toString());
        settings.putIfAbsent(CommonKeys.RUN_ID, "chaos");
        return settings;
    }

    private static void writeAudit(Path file, AuditReport audit) {
        try {
            Files.writeString(file, audit.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireEmpty(Path dataDir) {
        try {
            if (Files.isDirectory(dataDir)) {
                try (Stream<Path> entries = Files.list(dataDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException(dataDir + " is not empty; a chaos run starts from an empty directory");
                    }
                }
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
