package org.bioinstruct.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.bench.GeneratorBenchmark;
import org.bioinstruct.infra.process.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks a stage on a fresh local stack and prints a Markdown table for docs/BENCHMARKS.md.",
                "generator: offline backend + producer against Kafka's ProducerPerformance with the same record size."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "What to benchmark: generator.")
    String what;

    @Option(names = "--count", defaultValue = "200000", description = "Records per run (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--runs", defaultValue = "3", description = "Alternating runs of each side (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "An empty directory for the stack.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (!what.equals("generator")) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "'; available: generator");
        }
        if (Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dataDir + " is not empty; the benchmark starts its own stack");
                }
            }
        }
        Files.createDirectories(dataDir);
        GeneratorBenchmark.Result result = new GeneratorBenchmark(ProjectLayout.detect(), System.out)
                .run(dataDir.toAbsolutePath(), count, runs);
        String table = result.markdown();
        Files.writeString(dataDir.resolve("bench-generator.md"), table);
        System.out.println();
        System.out.print(table);
        return 0;
    }
}
