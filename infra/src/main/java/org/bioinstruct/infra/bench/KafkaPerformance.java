package org.bioinstruct.infra.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.LogTail;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.LocalStack;
import org.bioinstruct.infra.stage.Stage;

/**
 * Kafka's own ProducerPerformance (acks=all, idempotent, linger.ms=5, as the generator) and then
 * ConsumerPerformance reading the same records back, each its own JVM with the generator's JVM options,
 * on the benchmark's broker: the ceiling the pipeline is compared with.
 */
final class KafkaPerformance {
    private static final Pattern PRODUCED = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final int PARTITIONS = 4;

    record Rates(double producerRecordsPerSecond, double consumerRecordsPerSecond, long producerPeakRssMb,
                 long consumerPeakRssMb) {
    }

    static Rates measure(ProjectLayout layout, LocalStack stack, Path logs, long records, int recordSize)
            throws Exception {
        String topic = "bench.e2e.producer-performance";
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        String servers = stack.state().bootstrapServers();
        long[] producerPeak = new long[1];
        String produced = run(layout, "producer-performance", "org.apache.kafka.tools.ProducerPerformance",
                List.of("--topic", topic, "--num-records", Long.toString(records), "--record-size",
                        Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                        "bootstrap.servers=" + servers, "acks=all", "enable.idempotence=true", "linger.ms=5"),
                logs.resolve("producer-performance.log"), producerPeak);
        Matcher p = last(PRODUCED, produced);
        long[] consumerPeak = new long[1];
        String consumed = run(layout, "consumer-performance", "org.apache.kafka.tools.ConsumerPerformance",
                List.of("--bootstrap-server", servers, "--topic", topic, "--messages", Long.toString(records),
                        "--timeout", "60000"), logs.resolve("consumer-performance.log"), consumerPeak);
        return new Rates(Double.parseDouble(p.group(2)), consumerRate(consumed), producerPeak[0], consumerPeak[0]);
    }

    /** ConsumerPerformance prints a header and one CSV line; nMsg.sec is its sixth column. */
    private static double consumerRate(String output) {
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("start.time")) {
                List<String> header = List.of(lines[i].split(",\\s*"));
                String[] values = lines[i + 1].split(",\\s*");
                return Double.parseDouble(values[header.indexOf("nMsg.sec")].trim());
            }
        }
        throw new IllegalStateException("no ConsumerPerformance result in:\n" + output);
    }

    private static String run(ProjectLayout layout, String name, String mainClass, List<String> args, Path log,
                              long[] peakMb) throws Exception {
        try (JvmProcess tool = JvmProcess.start(name, layout.classpath("infra"), Stage.GENERATOR.jvmArgs(), mainClass,
                args, log)) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (tool.isAlive() && System.nanoTime() < deadline) {
                RssSampler.field(tool.pid(), "VmHWM:").ifPresent(kb -> peakMb[0] = Math.max(peakMb[0], kb / 1024));
                Thread.sleep(200);
            }
            int exit = tool.waitFor(Duration.ofSeconds(1));
            if (exit != 0) {
                throw new IllegalStateException(name + " exited with " + exit + ":\n" + tool.logTail(20));
            }
            return LogTail.of(log, 200);
        }
    }

    private static Matcher last(Pattern pattern, String output) {
        Matcher found = null;
        for (String line : output.split("\\R")) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no line matching " + pattern + " in:\n" + output);
        }
        return found;
    }
}
