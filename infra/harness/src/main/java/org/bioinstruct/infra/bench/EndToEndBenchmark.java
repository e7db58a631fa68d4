package org.bioinstruct.infra.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.bioinstruct.infra.pipeline.PipelineRun;
import org.bioinstruct.infra.pipeline.PipelineSettings;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.LogTail;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;

/**
 * The whole pipeline on a fresh embedded stack with the offline backend, every stage its own JVM, the
 * generator unthrottled: per-stage and end-to-end throughput from the committed records' own timestamps,
 * p99 latencies generated -> accepted -> shard, RSS per process over time, CPU seconds per process, then Kafka's
 * ProducerPerformance/ConsumerPerformance on the same broker with the generator's average record size.
 * With {@code training} off only the data path (generator -> filter -> shard-builder) runs.
 */
public final class EndToEndBenchmark {
    /** Fewer records than this measure the tools' start-up rather than their rate. */
    static final long MIN_BASELINE_RECORDS = 200_000;
    static final long LARGE_HEAPS_ABOVE = 200_000;
    static final Map<Stage, String> LARGE_HEAPS = Map.of(Stage.FILTER, "1536m");
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final ProjectLayout layout;
    private final PrintStream out;

    public EndToEndBenchmark(ProjectLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    /**
     * @param dataDir an empty directory for the stack
     * @param stageSettings extra settings for every stage (e.g. {@code shards.size})
     */
    public EndToEndResult run(Path dataDir, long count, boolean training, Duration timeout,
                              Map<String, String> stageSettings) throws Exception {
        PipelineSettings settings = new PipelineSettings(dataDir, "bench-e2e", stageSettings);
        long started = System.nanoTime();
        try (PipelineRun run = PipelineRun.startStack(layout, settings, "the benchmark");
             RssSampler rss = new RssSampler(1000);
             FlowRecorder flow = new FlowRecorder(settings.catalogue(), run.stack().state().bootstrapServers(),
                     run.stack().state().registryUrl())) {
            rss.watch("broker", run.stack().broker().pid());
            rss.watch("schema-registry", run.stack().registry().pid());
            Map<String, Double> stackCpuAtStart = Map.of("broker", rss.cpuSecondsNow("broker"),
                    "schema-registry", rss.cpuSecondsNow("schema-registry"));
            List<Stage> services = training ? PipelineRun.SERVICES : List.of(Stage.FILTER, Stage.SHARD_BUILDER);
            for (Stage stage : services) {
                watched(rss, run.start(stage, jvmArgs(stage, count)));
            }
            JvmProcess generator = watched(rss, run.startGenerator(count, 8, Map.of()));
            out.println("pipeline started: " + run.processes().stream().map(p -> p.name() + " (pid " + p.pid() + ")").toList());
            awaitThat(run, flow, f -> f.outcomes.count + f.deadLettered >= count
                    && f.examplesInShards >= f.accepted.count, "data path", started, timeout);
            if (training) {
                awaitThat(run, flow, EndToEndBenchmark::trainedAndEvaluated, "training side", started, timeout);
            }
            EndToEndResult.Cpu cpu = pipelineCpu(rss, generator, run.processes(), stackCpuAtStart);
            Matcher done = LogTail.lastMatch(GeneratorBenchmark.GENERATOR_DONE, generator.log(), 400);
            EndToEndResult.Flow figures = flow.read(f -> EndToEndResult.Flow.of(f, count));
            run.stopStages();
            out.println("pipeline done; running ProducerPerformance and ConsumerPerformance on the same broker");
            int recordSize = (int) Math.round(Double.parseDouble(done.group(3)));
            KafkaPerformance.Rates kafka = KafkaPerformance.measure(layout, run.stack(), settings.dataDir().resolve("logs"),
                    Math.max(count, MIN_BASELINE_RECORDS), recordSize);
            return new EndToEndResult(count, Math.max(count, MIN_BASELINE_RECORDS), training, recordSize, Double.parseDouble(done.group(2)), figures,
                    kafka, rssTable(rss), cpu, (System.nanoTime() - started) / 1e9);
        }
    }

    private static boolean trainedAndEvaluated(FlowRecorder f) {
        AdapterCheckpoint newest = f.checkpoints.stream()
                .max(Comparator.comparingInt(AdapterCheckpoint::getAdapterVersion)).orElse(null);
        if (f.trainShards.isEmpty()) {
            return true;
        }
        return newest != null
                && newest.getShardIds().stream().map(CharSequence::toString).toList().containsAll(f.trainShards)
                && f.evalMetrics.stream().map(EvalMetric::getAdapterVersion).anyMatch(v -> v == newest.getAdapterVersion());
    }

    private void awaitThat(PipelineRun run, FlowRecorder flow, Predicate<FlowRecorder> done, String what, long started,
                           Duration timeout) throws InterruptedException {
        long lastProgress = 0;
        while (!flow.read(done::test)) {
            run.failIfAStageDied();
            if (System.nanoTime() - started > timeout.toNanos()) {
                throw new IllegalStateException(what + " not done within " + timeout.toSeconds() + " s");
            }
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                lastProgress = System.nanoTime();
                String line = flow.read(f -> String.format(Locale.ROOT,
                        "[%5.0f s] %s: generated %d, filtered %d, in shards %d (%d manifests), adapter versions %d, eval metrics %d",
                        (System.nanoTime() - started) / 1e9, what, f.raw.count, f.outcomes.count + f.deadLettered,
                        f.examplesInShards, f.manifests.count, f.checkpoints.size(), f.evalMetrics.size()));
                out.println(line);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * The stage as the demo starts it, except the filter's heap above {@value #LARGE_HEAPS_ABOVE} instructions:
     * its near-duplicate index holds about 1 KB per accepted task (docs/BENCHMARKS.md, filter), about 600 MB
     * at the 1M run's 560k accepted, more than the demo's heap.
     */
    private static List<String> jvmArgs(Stage stage, long count) {
        String heap = LARGE_HEAPS.get(stage);
        if (heap == null || count <= LARGE_HEAPS_ABOVE) {
            return stage.jvmArgs();
        }
        return stage.jvmArgs(Map.of(stage.heapVariable(), heap));
    }

    private static JvmProcess watched(RssSampler rss, JvmProcess process) {
        rss.watch(process.name(), process.pid());
        return process;
    }

    /**
     * Taken the moment the flow is complete, before the stages stop: their shutdown and the baseline tools'
     * load on the broker stay out of the pipeline's figures.
     */
    private static EndToEndResult.Cpu pipelineCpu(RssSampler rss, JvmProcess generator, List<JvmProcess> stages,
                                                  Map<String, Double> stackCpuAtStart) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put(generator.name(), rss.cpuSecondsNow(generator.name()));
        stages.stream().filter(s -> s != generator).forEach(s -> seconds.put(s.name(), rss.cpuSecondsNow(s.name())));
        seconds.put("broker (during the pipeline)", rss.cpuSecondsNow("broker") - stackCpuAtStart.get("broker"));
        seconds.put("schema-registry", rss.cpuSecondsNow("schema-registry") - stackCpuAtStart.get("schema-registry"));
        return new EndToEndResult.Cpu(Runtime.getRuntime().availableProcessors(), seconds);
    }

    private static Map<String, long[]> rssTable(RssSampler rss) {
        Map<String, long[]> table = new LinkedHashMap<>();
        rss.peaksMb().forEach((name, peak) -> {
            long[] curve = rss.curveMb(name);
            table.put(name, new long[] {peak, curve[0], curve[1], curve[2], curve[3], rss.sampleCount(name)});
        });
        return table;
    }
}
