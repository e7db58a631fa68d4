package org.bioinstruct.infra.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.audit.PipelineAudit;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.LocalStack;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.infra.stage.StageLauncher;
import org.bioinstruct.schemas.config.Settings;

/**
 * The whole pipeline on a fresh embedded stack, the core of {@code bioinstruct demo}, the chaos run and the
 * end-to-end benchmark: the stack (KRaft broker, registry, topics) in an empty data directory, each stage its
 * own JVM with the same settings, a check that none died, the audit of the result, and shutdown. How long a run
 * waits, what it measures and which faults it injects are its own.
 */
public final class PipelineRun implements AutoCloseable {
    /** The stages that run until stopped; the generator stops by itself after its count. */
    public static final List<Stage> SERVICES = List.of(Stage.FILTER, Stage.SHARD_BUILDER, Stage.TRAINER, Stage.EVALUATOR);
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final ProjectLayout layout;
    private final PipelineSettings settings;
    private final LocalStack stack;
    private final StageLauncher launcher;
    private final Map<String, String> stageSettings;
    /** In start order; a restarted stage keeps its place. */
    private final Map<Stage, JvmProcess> running = Collections.synchronizedMap(new LinkedHashMap<>());

    private PipelineRun(ProjectLayout layout, PipelineSettings settings, LocalStack stack) {
        this.layout = layout;
        this.settings = settings;
        this.stack = stack;
        this.launcher = new StageLauncher(layout, settings.dataDir());
        this.stageSettings = settings.onStack(stack.state());
    }

    /**
     * Starts the stack in {@code settings.dataDir()}, which must be empty or missing.
     *
     * @param what the run, for the message when the directory is not empty, e.g. "the demo"
     */
    public static PipelineRun startStack(ProjectLayout layout, PipelineSettings settings, String what) {
        EmptyDataDir.require(settings.dataDir(), what);
        return new PipelineRun(layout, settings, LocalStack.start(layout, settings.dataDir(), 0, 0, 0, settings.catalogue()));
    }

    public LocalStack stack() {
        return stack;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** The settings every stage starts with. */
    public Map<String, String> stageSettings() {
        return stageSettings;
    }

    /** Starts (or, after a kill, restarts) the stage with its default JVM options. */
    public JvmProcess start(Stage stage) {
        return start(stage, stage.jvmArgs());
    }

    public JvmProcess start(Stage stage, List<String> jvmArgs) {
        return started(stage, launcher.start(stage, stageSettings, jvmArgs));
    }

    /** Starts the generator on {@code count} instructions from {@code seed}, with {@code more} of its settings. */
    public JvmProcess startGenerator(long count, long seed, Map<String, String> more) {
        Map<String, String> generator = new HashMap<>(stageSettings);
        generator.put("generator.count", Long.toString(count));
        generator.put("generator.seed", Long.toString(seed));
        generator.putAll(more);
        return started(Stage.GENERATOR, launcher.start(Stage.GENERATOR, generator));
    }

    private JvmProcess started(Stage stage, JvmProcess process) {
        running.put(stage, process);
        return process;
    }

    /** The stage's current process. */
    public JvmProcess process(Stage stage) {
        JvmProcess process = running.get(stage);
        if (process == null) {
            throw new IllegalStateException(stage.cliName() + " was not started");
        }
        return process;
    }

    /** Every started stage's current process, in start order. */
    public List<JvmProcess> processes() {
        synchronized (running) {
            return new ArrayList<>(running.values());
        }
    }

    /** Follows the topics for the progress and completion of this run. */
    public PipelineWatcher watcher() {
        return new PipelineWatcher(settings.catalogue(), settings.shardSelection(), stack.state().bootstrapServers(),
                stack.state().registryUrl());
    }

    /**
     * Fails when the broker or a stage exited by itself: only the generator may, with 0, after its count. A
     * stage killed on purpose and started again is no longer watched.
     */
    public void failIfAStageDied() {
        if (!stack.broker().isAlive()) {
            throw new IllegalStateException("the broker exited on its own:\n" + stack.broker().logTail(25));
        }
        synchronized (running) {
            running.forEach((stage, process) -> {
                Optional<Integer> exit = process.exitCode();
                boolean generatorDone = stage == Stage.GENERATOR && exit.equals(Optional.of(0));
                if (exit.isPresent() && !generatorDone) {
                    throw new IllegalStateException("stage " + stage.cliName() + " exited on its own with code "
                            + exit.get() + "; last lines of " + process.log() + ":\n"
                            + process.logTail(LOG_LINES_ON_FAILURE));
                }
            });
        }
    }

    /** Stops the broker for {@code down} and starts it again. */
    public void restartBroker(Duration down) throws InterruptedException {
        stack.restartBroker(layout, down);
    }

    /** {@code bioinstruct audit} of the run, while the stack is still up; kept as {@code audit.json}. */
    public AuditReport audit() {
        AuditReport audit = new PipelineAudit(Settings.of(stageSettings)).run();
        try {
            Files.writeString(settings.dataDir().resolve("audit.json"), audit.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return audit;
    }

    /** Stops every stage, in parallel; the stack stays up. */
    public void stopStages() {
        processes().parallelStream().forEach(JvmProcess::close);
    }

    /** Stops the stages, then the stack. */
    @Override
    public void close() {
        stopStages();
        stack.close();
    }
}
