package org.bioinstruct.infra.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.infra.stage.Stage.Tool;
import org.bioinstruct.infra.stage.StageLauncher;
import org.bioinstruct.schemas.config.CommonKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seed-filter-state", mixinStandardHelpOptions = true,
        description = {"Rebuilds the filter's exact and near-duplicate state from the accepted topic and the",
                "near-duplicate rejections, for a filter that starts with none: after",
                "kafka-streams-application-reset (a release whose topology cannot reuse the old internal topics)",
                "or under a new filter.application.id. Run it with every filter instance stopped and before the",
                "new version starts; it refuses while the filter's group has members or over existing state.",
                "Against the local stack it uses the filter's settings of its last start (DIR/config/filter.properties)."})
final class SeedFilterStateCommand implements Callable<Integer> {
    private static final Tool SEEDER = Tool.DEDUP_STATE_SEEDER;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A filter setting, e.g. --set filter.application.id=bioinstruct-filter-v2.")
    Map<String, String> settings = new HashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ProjectLayout layout = ProjectLayout.detect();
        Process process = new ProcessBuilder(JvmProcess.command(layout.classpath(SEEDER.stage().module()), List.of(),
                SEEDER.mainClass(), settingsArgs(layout))).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(spec.commandLine().getOut()::println);
        }
        spec.commandLine().getOut().flush();
        return process.waitFor();
    }

    /** The cluster's settings file, or the local filter's last settings with the running stack's addresses; then --set. */
    private List<String> settingsArgs(ProjectLayout layout) {
        List<String> args = new ArrayList<>();
        if (cluster.configFile().isPresent()) {
            args.addAll(List.of("--config", cluster.configFile().get().toString()));
        } else {
            StackState stack = cluster.dataDir.runningStack();
            Path filterConfig = new StageLauncher(layout, cluster.dataDir.path()).configOf(Stage.FILTER);
            if (Files.isRegularFile(filterConfig)) {
                args.addAll(List.of("--config", filterConfig.toString()));
            }
            args.add(CommonKeys.BOOTSTRAP_SERVERS + "=" + stack.bootstrapServers());
            args.add(CommonKeys.SCHEMA_REGISTRY_URL + "=" + stack.registryUrl());
        }
        settings.forEach((key, value) -> args.add(key + "=" + value));
        return args;
    }
}
