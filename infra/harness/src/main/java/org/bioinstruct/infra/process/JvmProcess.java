package org.bioinstruct.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A child JVM with its output in a log file, stopped with SIGTERM first and SIGKILL only if it hangs. */
public final class JvmProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java [jvmArgs] -cp classpath mainClass [args]} with output appended to {@code log}.
     */
    public static JvmProcess start(String name, String classpath, List<String> jvmArgs, String mainClass,
                                   List<String> args, Path log) {
        return start(name, classpath, jvmArgs, mainClass, args, log, Map.of());
    }

    /** As {@link #start(String, String, List, String, List, Path)}, with these environment variables added. */
    public static JvmProcess start(String name, String classpath, List<String> jvmArgs, String mainClass,
                                   List<String> args, Path log, Map<String, String> environment) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command(classpath, jvmArgs, mainClass, args));
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new JvmProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** {@code java [jvmArgs] -cp classpath mainClass [args]}, with this JVM's own java binary. */
    public static List<String> command(String classpath, List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        return LogTail.of(log, lines);
    }

    @Override
    public void close() {
        ProcessControl.stop(process.toHandle(), GRACE);
    }
}
