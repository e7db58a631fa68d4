package org.bioinstruct.infra.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.infra.stage.StageLauncher;
import org.bioinstruct.schemas.config.CommonKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one stage in the foreground against the local stack of the data directory",
                "(start it with 'bioinstruct up'). Extra KEY=VALUE arguments are stage settings,",
                "e.g. 'bioinstruct run generator generator.count=1000 generator.seed=7'."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Parameters(index = "0", paramLabel = "STAGE",
            description = "One of: generator, filter, shard-builder, trainer, evaluator.")
    String stage;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Stage settings.")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Stage selected = Stage.byCliName(stage);
        StackState state = dataDir.runningStack();
        Map<String, String> config = new HashMap<>();
        config.put(CommonKeys.BOOTSTRAP_SERVERS, state.bootstrapServers());
        config.put(CommonKeys.SCHEMA_REGISTRY_URL, state.registryUrl());
        config.put(CommonKeys.DATA_DIR, dataDir.path().toString());
        List<String> command = new StageLauncher(ProjectLayout.detect(), dataDir.path())
                .foregroundCommand(selected, config, settings);
        Process process = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return process.waitFor();
    }
}
