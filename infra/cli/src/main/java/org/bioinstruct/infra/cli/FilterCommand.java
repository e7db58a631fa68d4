package org.bioinstruct.infra.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stage.Stage.Tool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "filter", mixinStandardHelpOptions = true,
        description = {"Runs the filter over a JSONL file in file order, without a broker: the same rules, exact",
                "dedup, ROUGE-L near-duplicate check and categorizer as the streaming filter. Input lines hold id,",
                "instruction, input, output (and optionally category); accepted lines gain the category,",
                "rejected lines the reason code."})
final class FilterCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Instructions to filter (JSONL).")
    Path input;

    @Option(names = "--accepted", required = true, paramLabel = "FILE", description = "Where accepted lines go.")
    Path accepted;

    @Option(names = "--rejected", required = true, paramLabel = "FILE", description = "Where rejected lines go.")
    Path rejected;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A filter setting, e.g. --set filter.neardup.threshold=0.8 --set filter.neardup.compare=instruction.")
    Map<String, String> settings = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        Tool tool = Tool.BATCH_FILTER;
        List<String> args = new ArrayList<>();
        args.add("batch.input=" + input.toAbsolutePath());
        args.add("batch.accepted=" + accepted.toAbsolutePath());
        args.add("batch.rejected=" + rejected.toAbsolutePath());
        settings.forEach((key, value) -> args.add(key + "=" + value));
        return new ProcessBuilder(JvmProcess.command(ProjectLayout.detect().classpath(tool.stage().module()),
                List.of("-Xmx2g", "-XX:+UseParallelGC"), tool.mainClass(), args)).inheritIO().start().waitFor();
    }
}
