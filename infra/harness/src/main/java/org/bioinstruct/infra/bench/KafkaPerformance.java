package org.bioinstruct.infra.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

/**
 * Kafka's own ProducerPerformance (acks=all, idempotent, linger.ms=5, as the generator) and then
 * ConsumerPerformance reading the same records back, each its own JVM with the generator's JVM options,
 * on the benchmark's broker: the ceiling the pipeline is compared with, in records per second and in CPU
 * seconds per record (the tool's JVM and the broker during its run).
 */
final class KafkaPerformance {
    private static final Pattern PRODUCED = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final int PARTITIONS = 4;

    /** Both tools' figures. */
    record Rates(Tool producer, Tool consumer) {
    }

    /**
     * One tool's rate, its JVM's peak RSS and CPU seconds (its last reading before exit), and the broker's
     * CPU seconds from just before the tool started to just after it exited.
     */
    record Tool(double recordsPerSecond, long peakRssMb, double cpuSeconds, double brokerCpuSeconds) {
        double totalCpuSeconds() {
            return cpuSeconds + brokerCpuSeconds;
        }
    }

    static Rates measure(ProjectLayout layout, LocalStack stack, Path logs, long records, int recordSize)
            throws Exception {
        String topic = "bench.e2e.producer-performance";
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        String servers = stack.state().bootstrapServers();
        long broker = stack.broker().pid();
        Run produced = run(layout, "producer-performance", "org.apache.kafka.tools.ProducerPerformance",
                List.of("--topic", topic, "--num-records", Long.toString(records), "--record-size",
                        Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                        "bootstrap.servers=" + servers, "acks=all", "enable.idempotence=true", "linger.ms=5"),
                logs.resolve("producer-performance.log"), broker);
        Matcher p = last(PRODUCED, produced.output());
        Run consumed = run(layout, "consumer-performance", "org.apache.kafka.tools.ConsumerPerformance",
                List.of("--bootstrap-server", servers, "--topic", topic, "--messages", Long.toString(records),
                        "--timeout", "60000"), logs.resolve("consumer-performance.log"), broker);
        return new Rates(produced.tool(Double.parseDouble(p.group(2))),
                consumed.tool(consumerRate(consumed.output())));
    }

    private record Run(String output, long peakRssMb, double cpuSeconds, double brokerCpuSeconds) {
        Tool tool(double recordsPerSecond) {
            return new Tool(recordsPerSecond, peakRssMb, cpuSeconds, brokerCpuSeconds);
        }
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

    private static Run run(ProjectLayout layout, String name, String mainClass, List<String> args, Path log,
                           long brokerPid) throws Exception {
        double brokerBefore = brokerCpuSeconds(brokerPid);
        try (JvmProcess tool = JvmProcess.start(name, layout.classpath(BuiltModule.HARNESS), Stage.GENERATOR.jvmArgs(), mainClass,
                args, log)) {
            long peakKb = 0;
            double cpu = 0;
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (tool.isAlive() && System.nanoTime() < deadline) {
                peakKb = Math.max(peakKb, RssSampler.field(tool.pid(), "VmHWM:").orElse(0));
                cpu = Math.max(cpu, RssSampler.cpuSeconds(tool.pid()).orElse(0));
                Thread.sleep(200);
            }
            int exit = tool.waitFor(Duration.ofSeconds(1));
            double brokerAfter = brokerCpuSeconds(brokerPid);
            if (exit != 0) {
                throw new IllegalStateException(name + " exited with " + exit + ":\n" + tool.logTail(20));
            }
            return new Run(LogTail.of(log, 200), peakKb / 1024, cpu, brokerAfter - brokerBefore);
        }
    }

    private static double brokerCpuSeconds(long pid) {
        return RssSampler.cpuSeconds(pid).orElseThrow(() -> new IllegalStateException("the broker (pid " + pid
                + ") has exited"));
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
