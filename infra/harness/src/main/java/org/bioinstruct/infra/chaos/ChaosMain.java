package org.bioinstruct.infra.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bioinstruct.infra.process.ProjectLayout;

/**
 * Runs the chaos suite by hand (after {@code mvn -DskipTests package}):
 * {@code java -cp "infra/harness/target/harness-0.1.0-SNAPSHOT.jar:$(cat infra/harness/target/classpath.txt)"
 * org.bioinstruct.infra.chaos.ChaosMain <empty data dir> [seed]}. Prints the fault log and the figures
 * table, writes {@code chaos.md} and {@code audit.json} into the data dir; exits 2 when the audit finds a
 * mismatch.
 */
public final class ChaosMain {
    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ChaosMain <empty data dir> [seed]");
            System.exit(1);
        }
        Path dataDir = Path.of(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 8L;
        ChaosReport report = new ChaosRun(ProjectLayout.detect(), System.out).run(ChaosOptions.standard(dataDir, seed));
        StringBuilder md = new StringBuilder(report.markdown()).append("\nFaults, in order:\n\n");
        report.faults().forEach(f -> md.append("- ").append(f).append('\n'));
        Files.writeString(dataDir.resolve("chaos.md"), md);
        System.out.println();
        System.out.print(md);
        System.exit(report.audit().consistent() ? 0 : 2);
    }
}
