package org.bioinstruct.infra.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.stage.Stage;
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
        return ForegroundStage.run(dataDir, Stage.byCliName(stage), Map.of(), settings);
    }
}
