package org.bioinstruct.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.bench.EndToEndMain;
import org.bioinstruct.infra.bench.GeneratorBenchmark;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.pipeline.EmptyDataDir;
import org.bioinstruct.infra.stage.Stage.Tool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks a stage on a fresh local stack and prints a Markdown table for docs/BENCHMARKS.md.",
                "generator: offline backend + producer against Kafka's ProducerPerformance with the same record size.",
                "evaluator: evaluation examples/s of the tiny model on CPU per task kind (--items per kind),",
                "  against greedy generation of the same multiple-choice items; needs no stack.",
                "e2e: the whole pipeline (trainer and evaluator only up to 20,000 --count) against ProducerPerformance."})
final class BenchCommand implements Callable<Integer> {
    private static final Tool BENCHMARK = Tool.EVALUATOR_BENCHMARK;

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to benchmark: generator, evaluator, e2e.")
    String what;

    @Option(names = "--count", defaultValue = "200000", description = "Records per run (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--items", defaultValue = "32", description = "evaluator: examples per task kind (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--runs", defaultValue = "3", description = "Alternating runs of each side (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "An empty directory for the stack.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (what.equals("e2e")) {
            System.out.print(EndToEndMain.write(dataDir.toAbsolutePath(), count, count <= EndToEndMain.TRAINING_UP_TO, Map.of()));
            return 0;
        }
        if (!what.equals("generator") && !what.equals("evaluator")) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "'; available: generator, evaluator");
        }
        EmptyDataDir.require(dataDir, "the benchmark");
        if (what.equals("evaluator")) {
            return evaluator();
        }
        GeneratorBenchmark.Result result = new GeneratorBenchmark(ProjectLayout.detect(), System.out)
                .run(dataDir.toAbsolutePath(), count, runs);
        String table = result.markdown();
        Files.writeString(dataDir.resolve("bench-generator.md"), table);
        System.out.println();
        System.out.print(table);
        return 0;
    }

    /** The evaluator's benchmark main in a JVM of its own, with the stage's JVM options, its table echoed. */
    private Integer evaluator() throws Exception {
        Path table = dataDir.resolve("bench-evaluator.md").toAbsolutePath();
        try (JvmProcess bench = JvmProcess.start("evaluator-bench", ProjectLayout.detect().classpath(BENCHMARK.stage().module()),
                BENCHMARK.stage().jvmArgs(), BENCHMARK.mainClass(),
                List.of(dataDir.resolve("model").toAbsolutePath().toString(), table.toString(), Integer.toString(items),
                        Integer.toString(runs), "48"), dataDir.resolve("bench-evaluator.log"))) {
            int exit = bench.waitFor(Duration.ofHours(2));
            if (exit != 0) {
                throw new IllegalStateException("evaluator benchmark failed (exit " + exit + "):\n" + bench.logTail(20));
            }
        }
        System.out.print(Files.readString(table));
        return 0;
    }
}
