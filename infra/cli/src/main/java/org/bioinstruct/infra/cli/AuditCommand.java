package org.bioinstruct.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.audit.Mismatch;
import org.bioinstruct.infra.audit.PipelineAudit;
import org.bioinstruct.schemas.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Reconciles the pipeline from its topics and shard files: generated = accepted + rejected + "
                + "dead-lettered; accepted = train + eval examples in shards; no id in two shards; every shard file "
                + "matches its manifest; every train shard in exactly one version of the newest adapter lineage. "
                + "Exit 0 when consistent, 2 on any mismatch.")
final class AuditCommand implements Callable<Integer> {
    static final int MISMATCH_EXIT = 2;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--out", paramLabel = "FILE", description = "Writes the JSON report here (default: standard output).")
    Path out;

    @Option(names = "--limit", defaultValue = "20",
            description = "Example ids shown per kind of mismatch (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        Settings settings = cluster.settings().with(PipelineAudit.SAMPLE_LIMIT, Integer.toString(limit));
        AuditReport report = new PipelineAudit(settings).run();
        if (out == null) {
            System.out.println(report.toJson());
        } else {
            Files.writeString(out, report.toJson());
            report.counts().forEach((name, value) -> System.out.printf("%-36s %d%n", name, value));
            for (Mismatch mismatch : report.mismatches()) {
                System.out.printf("MISMATCH %s x%d: %s%n", mismatch.kind(), mismatch.count(),
                        String.join("; ", mismatch.examples()));
            }
            System.out.println((report.consistent() ? "consistent" : report.mismatches().size()
                    + " kind(s) of mismatch") + "; report in " + out.toAbsolutePath());
        }
        return report.consistent() ? 0 : MISMATCH_EXIT;
    }
}
