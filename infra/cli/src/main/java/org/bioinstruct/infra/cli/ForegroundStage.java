package org.bioinstruct.infra.cli;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.infra.stage.StageLauncher;
import org.bioinstruct.schemas.config.CommonKeys;

/** Runs a stage in the foreground against the local stack of a data directory, with the terminal attached. */
final class ForegroundStage {
    private ForegroundStage() {
    }

    static int run(DataDirOption dataDir, Stage stage, Map<String, String> settings, List<String> extraArgs)
            throws IOException, InterruptedException {
        StackState state = dataDir.runningStack();
        Map<String, String> config = new HashMap<>(settings);
        config.put(CommonKeys.BOOTSTRAP_SERVERS, state.bootstrapServers());
        config.put(CommonKeys.SCHEMA_REGISTRY_URL, state.registryUrl());
        config.put(CommonKeys.DATA_DIR, dataDir.path().toString());
        StageLauncher launcher = new StageLauncher(ProjectLayout.detect(), dataDir.path());
        ProcessBuilder builder = new ProcessBuilder(launcher.foregroundCommand(stage, config, extraArgs)).inheritIO();
        builder.environment().putAll(launcher.environment(stage));
        Process process = builder.start();
        Thread stopChild = new Thread(process::destroy);
        Runtime.getRuntime().addShutdownHook(stopChild);
        int exit = process.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        return exit;
    }
}
