package org.bioinstruct.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.dashboard.EvalMetricsReader;
import org.bioinstruct.infra.dashboard.EvalReport;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the paper-style results table of the newest adapter version (category x metric:",
                "base, tuned, relative gain), read from the eval metrics topic of the running stack."})
final class ReportCommand implements Callable<Integer> {
    enum Format { md, html }

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report file to write.")
    Path out;

    @Option(names = "--format", defaultValue = "md", description = "md or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        Settings settings = cluster.settings();
        TopicCatalogue topics = TopicCatalogue.from(settings);
        List<EvalMetric> metrics = EvalMetricsReader.readAll(ClusterOptions.bootstrapServers(settings),
                ClusterOptions.kafkaOverrides(settings), ClusterOptions.serdeConfig(settings), topics.evalMetrics());
        EvalReport report = EvalReport.newest(metrics).orElseThrow(() -> new IllegalStateException(
                "no eval metrics yet in " + topics.evalMetrics().name()));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, format == Format.html ? report.html() : report.markdown());
        System.out.println("wrote the report of adapter v" + report.version() + " (" + metrics.size()
                + " eval figures read) to " + out);
        return 0;
    }
}
