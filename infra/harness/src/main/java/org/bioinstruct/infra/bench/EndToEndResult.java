package org.bioinstruct.infra.bench;

import java.util.Locale;
import java.util.Map;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;

/** The end-to-end benchmark's figures and their Markdown tables for docs/BENCHMARKS.md. */
public record EndToEndResult(long count, long baselineRecords, boolean training, int recordBytes, double generatorLogRate, Flow flow,
                             KafkaPerformance.Rates kafka, Map<String, long[]> rss, Cpu cpu, double seconds) {

    /** What the committed records showed, frozen when the run was done. */
    record Flow(long generated, double generatedSeconds, long accepted, long rejected, long deadLettered,
                double filterSeconds, long examplesInShards, long manifests, double shardSeconds,
                double endToEndSeconds, long[] generatedToAccepted, long[] generatedToAcceptedSecondHalf,
                long[] acceptedToShard,
                long trainedExamples, long trainedTokens, int adapterVersions, double trainSeconds,
                long evalExamples, int evaluatedVersions, double evalSeconds) {

        static Flow of(FlowRecorder f, long count) {
            long firstTrainShard = f.trainShardVisible.values().stream().mapToLong(Long::longValue).min().orElse(0);
            long lastCheckpoint = f.checkpoints.stream().mapToLong(c -> c.getCreatedAt().toEpochMilli()).max().orElse(0);
            long firstCheckpoint = f.checkpoints.stream().mapToLong(c -> c.getCreatedAt().toEpochMilli()).min().orElse(0);
            long lastEval = f.evalMetrics.stream().mapToLong(m -> m.getTimestamp().toEpochMilli()).max().orElse(0);
            return new Flow(f.raw.count, f.raw.seconds(), f.accepted.count, f.rejected, f.deadLettered,
                    f.outcomes.seconds(), f.examplesInShards, f.manifests.count,
                    Math.max(1, f.manifests.last - f.accepted.first) / 1000.0,
                    Math.max(1, f.manifests.last - f.raw.first) / 1000.0,
                    percentiles(f.generatedToAccepted),
                    percentiles(f.generatedToAccepted.whereKeyAtLeast(f.acceptedCreatedAt, (f.raw.first + f.raw.last) / 2)),
                    percentiles(f.acceptedToShard),
                    f.checkpoints.stream().mapToLong(AdapterCheckpoint::getExamples).sum(),
                    f.checkpoints.stream().mapToLong(AdapterCheckpoint::getTokens).sum(), f.checkpoints.size(),
                    Math.max(1, lastCheckpoint - firstTrainShard) / 1000.0,
                    f.evalMetrics.stream().filter(m -> m.getCategory() == null).mapToLong(EvalMetric::getN).sum(),
                    (int) f.evalMetrics.stream().map(EvalMetric::getAdapterVersion).distinct().count(),
                    Math.max(1, lastEval - firstCheckpoint) / 1000.0);
        }

        private static long[] percentiles(LongSamples samples) {
            return new long[] {samples.percentile(50), samples.percentile(99), samples.percentile(100), samples.size()};
        }
    }

    /**
     * CPU seconds (utime + stime) of each pipeline process, in table order, up to the moment the flow was
     * complete: the stages over their life until then, the broker and the registry since the pipeline started;
     * {@code cores} is what the benchmark's JVM saw, the cores every process shared.
     */
    record Cpu(int cores, Map<String, Double> pipelineSeconds) {
        double pipelineTotalSeconds() {
            return pipelineSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** CPU seconds all pipeline processes spent per generated record. */
    public double pipelineCpuPerRecord() {
        return cpu.pipelineTotalSeconds() / flow.generated();
    }

    /** The end-to-end rate the machine's cores allow at the pipeline's CPU cost per record. */
    public double cpuBoundRate() {
        return cpu.cores() / pipelineCpuPerRecord();
    }

    /** CPU seconds ProducerPerformance's JVM and the broker spent per record it sent. */
    public double producerCpuPerRecord() {
        return kafka.producer().totalCpuSeconds() / baselineRecords;
    }

    public double endToEndRate() {
        return flow.generated() / flow.endToEndSeconds();
    }

    public double ratioToProducer() {
        return endToEndRate() / kafka.producer().recordsPerSecond();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d instructions, offline backend, records of %d B; %s; total %.0f s%n%n",
                count, recordBytes, training ? "every stage" : "data path only (no trainer, no evaluator)", seconds));
        md.append("| stage | records | window | records/s |\n|---|---:|---:|---:|\n");
        rate(md, "generator (raw records' produce timestamps; its own log: " + String.format(Locale.ROOT, "%.0f/s)",
                generatorLogRate), flow.generated(), flow.generatedSeconds());
        rate(md, "filter (accepted + rejected, by their acceptedAt/rejectedAt)", flow.accepted() + flow.rejected(),
                flow.filterSeconds());
        rate(md, "shard-builder (examples in committed manifests, first accepted -> last manifest visible)",
                flow.examplesInShards(), flow.shardSeconds());
        rate(md, "**end to end** (generated, first raw record -> last manifest visible)", flow.generated(),
                flow.endToEndSeconds());
        if (training) {
            rate(md, String.format(Locale.ROOT, "trainer (examples; %,d tokens = %.0f tokens/s; %d adapter versions)",
                    flow.trainedTokens(), flow.trainedTokens() / flow.trainSeconds(), flow.adapterVersions()),
                    flow.trainedExamples(), flow.trainSeconds());
            rate(md, String.format(Locale.ROOT, "evaluator (examples in overall figures, %d versions evaluated)",
                    flow.evaluatedVersions()), flow.evalExamples(), flow.evalSeconds());
        }
        md.append(String.format(Locale.ROOT, "| Kafka ProducerPerformance (%,d x %d B, acks=all, idempotent) | %,d | | %,.0f |%n",
                baselineRecords, recordBytes, baselineRecords, kafka.producer().recordsPerSecond()));
        md.append(String.format(Locale.ROOT, "| Kafka ConsumerPerformance (the same records) | %,d | | %,.0f |%n%n",
                baselineRecords, kafka.consumer().recordsPerSecond()));
        md.append(String.format(Locale.ROOT, "**end to end / ProducerPerformance = %.3f** (goal >= 0.30); accepted %,d, "
                        + "rejected %,d, dead-lettered %,d, %,d manifests%n%n", ratioToProducer(), flow.accepted(),
                flow.rejected(), flow.deadLettered(), flow.manifests()));
        md.append("| latency | p50 | p99 | max | records |\n|---|---:|---:|---:|---:|\n");
        latency(md, "generated -> accepted (acceptedAt - createdAt)", flow.generatedToAccepted());
        latency(md, "generated -> accepted, tasks generated in the run's second half (past the stages' start-up)",
                flow.generatedToAcceptedSecondHalf());
        latency(md, "accepted -> shard (manifest visible to read_committed - acceptedAt)", flow.acceptedToShard());
        md.append("\n| process | peak RSS (VmHWM) | RSS at 10% | at 50% | at 90% | last | samples (1/s) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        rss.forEach((name, v) -> md.append(String.format(Locale.ROOT, "| %s | %d MB | %d MB | %d MB | %d MB | %d MB | %d |%n",
                name, v[0], v[1], v[2], v[3], v[4], v[5])));
        md.append(String.format(Locale.ROOT, "| producer-performance / consumer-performance | %d MB / %d MB | | | | | |%n",
                kafka.producer().peakRssMb(), kafka.consumer().peakRssMb()));
        cpuTable(md);
        return md.toString();
    }

    private void cpuTable(StringBuilder md) {
        md.append("\nCPU time (utime + stime, /proc/<pid>/stat) per process; the pipeline's rows per generated record, "
                + "up to the moment the flow was complete\n\n"
                + "| process | CPU s | records | CPU \u00b5s per record |\n|---|---:|---:|---:|\n");
        cpu.pipelineSeconds().forEach((name, seconds) -> cpuRow(md, name, seconds, flow.generated()));
        cpuRow(md, "**pipeline total**", cpu.pipelineTotalSeconds(), flow.generated());
        toolRows(md, "ProducerPerformance", "producer-performance", kafka.producer());
        toolRows(md, "ConsumerPerformance", "consumer-performance", kafka.consumer());
        md.append(String.format(Locale.ROOT, "%nCPU bound on this machine: %d cores / %,.1f \u00b5s total pipeline CPU per "
                        + "record = %,.0f records/s end to end at most, = %.3f of ProducerPerformance's rate (%,.0f records/s)%n",
                cpu.cores(), pipelineCpuPerRecord() * 1e6, cpuBoundRate(),
                cpuBoundRate() / kafka.producer().recordsPerSecond(), kafka.producer().recordsPerSecond()));
        md.append(String.format(Locale.ROOT, "%nProducerPerformance: %,.1f \u00b5s CPU per record (its JVM + broker); "
                        + "ProducerPerformance / pipeline CPU per record = %.3f, the fraction of the producer rate the "
                        + "pipeline could reach if both were CPU-bound%n",
                producerCpuPerRecord() * 1e6, producerCpuPerRecord() / pipelineCpuPerRecord()));
    }

    private void toolRows(StringBuilder md, String tool, String jvm, KafkaPerformance.Tool figures) {
        cpuRow(md, jvm + " (its JVM)", figures.cpuSeconds(), baselineRecords);
        cpuRow(md, "broker during " + tool, figures.brokerCpuSeconds(), baselineRecords);
        cpuRow(md, "**" + tool + " total**", figures.totalCpuSeconds(), baselineRecords);
    }

    private static void cpuRow(StringBuilder md, String name, double seconds, long records) {
        md.append(String.format(Locale.ROOT, "| %s | %.2f | %,d | %,.1f |%n", name, seconds, records,
                seconds / records * 1e6));
    }

    private static void rate(StringBuilder md, String name, long records, double seconds) {
        md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f |%n", name, records, seconds, records / seconds));
    }

    private static void latency(StringBuilder md, String name, long[] p) {
        md.append(String.format(Locale.ROOT, "| %s | %,d ms | %,d ms | %,d ms | %,d |%n", name, p[0], p[1], p[2], p[3]));
    }
}
