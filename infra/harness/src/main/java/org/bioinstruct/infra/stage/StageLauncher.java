package org.bioinstruct.infra.stage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.schemas.platform.MklVendorShim;

/**
 * Starts a stage as its own JVM. Its settings go to {@code <data-dir>/config/<stage>.properties}, so an
 * operator can see and rerun exactly what ran; its output to {@code <data-dir>/logs/<stage>.log}.
 */
public final class StageLauncher {
    private final ProjectLayout layout;
    private final Path dataDir;

    public StageLauncher(ProjectLayout layout, Path dataDir) {
        this.layout = layout;
        this.dataDir = dataDir;
    }

    public JvmProcess start(Stage stage, Map<String, String> settings) {
        return start(stage, settings, stage.jvmArgs());
    }

    /** {@link #start(Stage, Map)} with other JVM options, e.g. a larger heap. */
    public JvmProcess start(Stage stage, Map<String, String> settings, List<String> jvmArgs) {
        Path config = writeConfig(stage, settings);
        return JvmProcess.start(stage.cliName(), layout.classpath(stage.module()), jvmArgs,
                stage.mainClass(), List.of("--config", config.toString()), logOf(stage), environment(stage));
    }

    /**
     * Environment variables the stage's JVM starts with: for the stages running DJL's PyTorch, on an AMD
     * CPU, the preload that lets its MKL use the CPU's vector kernels ({@link MklVendorShim}).
     */
    public Map<String, String> environment(Stage stage) {
        return stage.runsPyTorch() ? MklVendorShim.environment(layout.nativeDir()) : Map.of();
    }

    /** The command line that runs the stage in the foreground (for {@code bioinstruct run}), with {@link #environment}. */
    public List<String> foregroundCommand(Stage stage, Map<String, String> settings, List<String> extraArgs) {
        Path config = writeConfig(stage, settings);
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        args.addAll(extraArgs);
        return JvmProcess.command(layout.classpath(stage.module()), stage.jvmArgs(), stage.mainClass(), args);
    }

    public Path logOf(Stage stage) {
        return dataDir.resolve("logs").resolve(stage.cliName() + ".log");
    }

    /** Where the stage's settings of its last start are. */
    public Path configOf(Stage stage) {
        return dataDir.resolve("config").resolve(stage.cliName() + ".properties");
    }

    private Path writeConfig(Stage stage, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path file = configOf(stage);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "settings of the " + stage.cliName() + " stage");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
