package org.bioinstruct.infra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bioinstruct.infra.process.ProjectLayout;

/**
 * {@code bioinstruct bench e2e}, or by hand after {@code mvn -DskipTests package}:
 * {@code java -Xmx1g -Dbioinstruct.home=. -cp "infra/harness/target/harness-0.1.0-SNAPSHOT.jar:$(cat infra/harness/target/classpath.txt)"
 * org.bioinstruct.infra.bench.EndToEndMain <empty dir> <count> [training=true|false] [key=value stage settings...]}.
 * Prints the tables and writes them to {@code bench-e2e.md} in the directory.
 */
public final class EndToEndMain {
    /** {@code bench e2e} runs the trainer and evaluator up to this count; above it, the data path only. */
    public static final long TRAINING_UP_TO = 20_000;

    private EndToEndMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EndToEndMain <empty dir> <count> [training=true|false] [key=value ...]");
            System.exit(1);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        long count = Long.parseLong(args[1]);
        boolean training = true;
        Map<String, String> settings = new java.util.HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].equals("training")) {
                training = Boolean.parseBoolean(kv[1]);
            } else {
                settings.put(kv[0], kv[1]);
            }
        }
        System.out.print(write(dir, count, training, settings));
    }

    /** Runs the benchmark in an empty (or missing) {@code dir} and writes {@code bench-e2e.md} there. */
    public static String write(Path dir, long count, boolean training, Map<String, String> settings) throws Exception {
        EndToEndResult result = new EndToEndBenchmark(ProjectLayout.detect(), System.out)
                .run(dir, count, training, Duration.ofHours(2), settings);
        String table = result.markdown();
        Files.writeString(dir.resolve("bench-e2e.md"), table);
        return table;
    }
}
