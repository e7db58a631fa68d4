package org.bioinstruct.infra.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bioinstruct.infra.process.BuiltModule;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.LogTail;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.LocalStack;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.infra.stage.StageLauncher;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * The offline generator (backend + Avro + registry + idempotent producer) against Kafka's own
 * ProducerPerformance sending records of the same average size with the same producer settings, on the
 * same fresh local broker, runs alternating, medians compared.
 */
public final class GeneratorBenchmark {
    /** The generator's last log line: records sent, records/s, bytes/record. */
    static final Pattern GENERATOR_DONE =
            Pattern.compile("done: (\\d+) records sent to \\S+ in [\\d.]+ s \\(([\\d.]+) records/s, ([\\d.]+) bytes/record\\)");
    private static final Pattern PERF_DONE = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");
    private static final int PARTITIONS = 4;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    private final ProjectLayout layout;
    private final PrintStream out;

    public GeneratorBenchmark(ProjectLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public record Result(long records, int runs, double recordBytes, List<Double> generatorRates,
                         List<Double> producerRates) {
        public double generatorMedian() {
            return median(generatorRates);
        }

        public double producerMedian() {
            return median(producerRates);
        }

        public double ratio() {
            return generatorMedian() / producerMedian();
        }

        public String markdown() {
            StringBuilder table = new StringBuilder();
            table.append("| run | generator (records/s) | ProducerPerformance (records/s) |\n|---|---|---|\n");
            for (int i = 0; i < runs; i++) {
                table.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f |%n", i + 1, generatorRates.get(i),
                        producerRates.get(i)));
            }
            table.append(String.format(Locale.ROOT, "| median | %.0f | %.0f |%n%n", generatorMedian(), producerMedian()));
            table.append(String.format(Locale.ROOT, "%d records of %.0f bytes per run; generator / producer = %.2f%n",
                    records, recordBytes, ratio()));
            return table.toString();
        }
    }

    public Result run(Path dataDir, long records, int runs) throws Exception {
        try (LocalStack stack = LocalStack.start(layout, dataDir, 0, 0, 0, TopicCatalogue.defaults())) {
            List<Double> generator = new ArrayList<>();
            List<Double> producer = new ArrayList<>();
            double recordBytes = 0;
            for (int run = 1; run <= runs; run++) {
                double[] gen = runGenerator(stack, dataDir, records, run);
                recordBytes = gen[1];
                generator.add(gen[0]);
                producer.add(runProducerPerformance(stack, dataDir, records, (int) Math.round(recordBytes), run));
                out.printf(Locale.ROOT, "run %d: generator %.0f records/s, ProducerPerformance %.0f records/s (%.0f B)%n",
                        run, generator.get(run - 1), producer.get(run - 1), recordBytes);
            }
            return new Result(records, runs, recordBytes, generator, producer);
        }
    }

    /** @return {records/s, average record bytes} */
    private double[] runGenerator(LocalStack stack, Path dataDir, long records, int run) throws Exception {
        Map<String, String> settings = Map.of(
                CommonKeys.BOOTSTRAP_SERVERS, stack.state().bootstrapServers(),
                CommonKeys.SCHEMA_REGISTRY_URL, stack.state().registryUrl(),
                CommonKeys.DATA_DIR, dataDir.toString(),
                CommonKeys.RUN_ID, "bench-" + run,
                "topic.raw", "bench.generator." + run,
                "topic.raw.partitions", Integer.toString(PARTITIONS),
                "generator.count", Long.toString(records),
                "generator.seed", Integer.toString(run));
        try (JvmProcess generator = new StageLauncher(layout, dataDir).start(Stage.GENERATOR, settings)) {
            requireSuccess(generator, generator.waitFor(RUN_LIMIT));
            Matcher done = LogTail.lastMatch(GENERATOR_DONE, generator.log(), 200);
            return new double[] {Double.parseDouble(done.group(2)), Double.parseDouble(done.group(3))};
        }
    }

    private double runProducerPerformance(LocalStack stack, Path dataDir, long records, int recordSize, int run)
            throws Exception {
        String topic = "bench.producer." + run;
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        List<String> args = List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + stack.state().bootstrapServers(), "acks=all",
                "enable.idempotence=true", "linger.ms=5");
        try (JvmProcess perf = JvmProcess.start("producer-performance", layout.classpath(BuiltModule.HARNESS),
                Stage.GENERATOR.jvmArgs(), "org.apache.kafka.tools.ProducerPerformance", args,
                dataDir.resolve("logs").resolve("producer-performance-" + run + ".log"))) {
            requireSuccess(perf, perf.waitFor(RUN_LIMIT));
            return Double.parseDouble(LogTail.lastMatch(PERF_DONE, perf.log(), 200).group(2));
        }
    }

    private static void requireSuccess(JvmProcess process, int exit) {
        if (exit != 0) {
            throw new IllegalStateException(process.name() + " exited with " + exit + ":\n" + process.logTail(20));
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
