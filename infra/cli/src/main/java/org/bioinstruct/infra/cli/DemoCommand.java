package org.bioinstruct.infra.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.demo.DemoOptions;
import org.bioinstruct.infra.demo.DemoRun;
import org.bioinstruct.infra.demo.DemoSummary;
import org.bioinstruct.infra.process.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline once on this machine: local broker and registry, every stage as its",
                "own process, from N generated instructions to the newest adapter's eval metrics; then stops",
                "everything and writes DIR/summary.json. Exits 0 only when the counts reconcile."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--count", defaultValue = "" + DemoOptions.DEFAULT_COUNT, paramLabel = "N",
            description = "Instructions to generate (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A setting passed to every stage, e.g. --set shards.size=32 (repeatable).")
    Map<String, String> settings = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        DemoSummary summary = new DemoRun(ProjectLayout.detect(), System.out).run(
                new DemoOptions(dataDir.path(), count, seed, Duration.ofSeconds(timeoutSeconds), settings));
        System.out.printf("%ngenerated %d = accepted %d + rejected %d + dead-lettered %d; %d shards hold %d"
                        + " examples%s; %d adapter versions; %d eval metrics; %.1f s%n",
                summary.generated(), summary.accepted(), summary.rejected(), summary.deadLettered(), summary.shards(),
                summary.examplesInShards(), outsideSelection(summary), summary.adapterVersions(), summary.evalMetrics(),
                summary.elapsedSeconds());
        System.out.println(summary.reconciled() ? "counts reconcile; summary in " + dataDir.path().resolve("summary.json")
                : "COUNTS DO NOT RECONCILE; see " + dataDir.path().resolve("summary.json"));
        return summary.reconciled() ? 0 : 3;
    }

    private static String outsideSelection(DemoSummary summary) {
        long outside = summary.acceptedOutsideSelectedCategories();
        return outside == 0 ? "" : " (+ " + outside + " training examples outside shards.categories)";
    }
}
