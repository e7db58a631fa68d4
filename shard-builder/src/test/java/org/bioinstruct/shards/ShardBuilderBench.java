package org.bioinstruct.shards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.testkit.Await;

/**
 * Accepted -> manifest benchmark on a real local broker (its own JVM) and the embedded job (MiniCluster in
 * this JVM), per checkpoint interval:
 * <ul>
 *   <li>throughput: a backlog of {@code records} accepted records produced before the job starts; records
 *       after the first manifest / (last manifest visible - first manifest visible), i.e. the steady rate
 *       without the job's start-up (printed too, with start-up);</li>
 *   <li>latency: {@code rate} records/s for {@code seconds}; per record, the time from its produce call to a
 *       read_committed consumer receiving the manifest that lists it; p50 / p99 / max.</li>
 * </ul>
 * Usage: {@code ShardBuilderBench [records=300000] [rate=10000] [seconds=20] [intervals=1000,2000] [runs=3]
 * [shard.size=1000] [parallelism=2] [max.age.ms=500] [partitions=4]}
 */
public final class ShardBuilderBench {
    private static final String REGISTRY = "mock://shard-builder-bench";

    private final Map<String, String> options;
    private final KafkaBroker broker;
    private final Path work;

    private ShardBuilderBench(Map<String, String> options, KafkaBroker broker, Path work) {
        this.options = options;
        this.broker = broker;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("records", "300000", "rate", "10000", "seconds", "20",
                "intervals", "1000,2000", "runs", "3", "shard.size", "1000", "parallelism", "2",
                "max.age.ms", "500", "partitions", "4"));
        Arrays.stream(args).map(a -> a.split("=", 2)).forEach(kv -> options.put(kv[0], kv[1]));
        Path work = Files.createTempDirectory("shard-builder-bench");
        System.out.printf("shard-builder bench: %s; %d cores; work dir %s%n", options,
                Runtime.getRuntime().availableProcessors(), work);
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"))) {
            new ShardBuilderBench(options, broker, work).runAll();
        }
        System.exit(0);
    }

    private void runAll() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String interval : options.get("intervals").split(",")) {
            List<double[]> runs = new ArrayList<>();
            for (int run = 1; run <= Integer.parseInt(options.get("runs")); run++) {
                double[] result = run(Long.parseLong(interval.trim()), run);
                System.out.printf(Locale.ROOT, "interval %s ms run %d: %.0f records/s; latency p50 %.0f ms, "
                        + "p99 %.0f ms, max %.0f ms%n", interval, run, result[0], result[1], result[2], result[3]);
                runs.add(result);
            }
            lines.add(String.format(Locale.ROOT, "| %s ms | %.0f | %.0f | %.0f | %.0f | %s |", interval,
                    median(runs, 0), median(runs, 1), median(runs, 2), median(runs, 3),
                    runs.stream().map(r -> String.format(Locale.ROOT, "%.0f/%.0f", r[0], r[2])).toList()));
        }
        System.out.println("| checkpoint interval | throughput (records/s) | p50 latency (ms) | p99 latency (ms) "
                + "| max latency (ms) | runs (records/s / p99 ms) |");
        System.out.println("|---|---|---|---|---|---|");
        lines.forEach(System.out::println);
    }

    /** One job run: warm up, a throughput burst, then a paced latency phase; returns {rps, p50, p99, max}. */
    private double[] run(long intervalMs, int run) throws Exception {
        String suffix = "-" + intervalMs + "-" + run;
        broker.createTopic("accepted" + suffix, Integer.parseInt(options.get("partitions")));
        broker.createTopic("shards" + suffix, 1);
        broker.createTopic("dlq" + suffix, 1);
        Map<String, String> settings = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", REGISTRY, "topic.accepted", "accepted" + suffix,
                "topic.shards", "shards" + suffix, "topic.dlq", "dlq" + suffix,
                "data.dir", work.resolve("data" + suffix).toString(), "shards.size", options.get("shard.size"),
                "shards.max.age.ms", options.get("max.age.ms"), "shards.checkpoint.interval.ms", Long.toString(intervalMs),
                "shards.parallelism", options.get("parallelism")));
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(settings));
        TestTopics topics = new TestTopics(broker.bootstrapServers(), REGISTRY, config.acceptedTopic(),
                config.shardsTopic());
        ManifestWatcher watcher = new ManifestWatcher(topics);
        watcher.start();
        int records = Integer.parseInt(options.get("records"));
        try (KafkaProducer<String, AcceptedInstruction> producer = topics.producer()) {
            topics.produce(producer, "backlog", 0, records);
        }
        long submitted = System.nanoTime();
        JobClient job = ShardBuilderJob.start(config, Map.of());
        try (KafkaProducer<String, AcceptedInstruction> producer = topics.producer()) {
            watcher.awaitCommitted(records, Duration.ofSeconds(300));
            double throughput = (records - watcher.firstManifestRecords)
                    / ((watcher.lastVisibleNanos - watcher.firstVisibleNanos) / 1e9);
            double withStartUp = records / ((watcher.lastVisibleNanos - submitted) / 1e9);
            System.out.printf(Locale.ROOT, "  backlog of %d: %.0f records/s from first to last manifest, %.0f "
                    + "records/s including job start-up%n", records, throughput, withStartUp);

            int rate = Integer.parseInt(options.get("rate"));
            int total = rate * Integer.parseInt(options.get("seconds"));
            watcher.trackLatency();
            long paceStart = System.nanoTime();
            for (int i = 0; i < total; i += rate / 100) {
                long due = paceStart + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
                int from = i;
                int to = Math.min(total, i + rate / 100);
                for (int j = from; j < to; j++) {
                    watcher.sent("paced-" + j);
                }
                topics.produce(producer, "paced", from, to);
            }
            watcher.awaitCommitted(records + total, Duration.ofSeconds(120));
            double[] latency = watcher.latencyPercentiles();
            return new double[] {throughput, latency[0], latency[1], latency[2]};
        } finally {
            job.cancel().get();
            watcher.stopWatching();
        }
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** Polls the shards topic read_committed in the background; times each tracked id's manifest. */
    private static final class ManifestWatcher extends Thread {
        private final TestTopics topics;
        private final AtomicLong committed = new AtomicLong();
        private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
        private final List<Long> latenciesNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean tracking;
        private volatile long firstVisibleNanos;
        private volatile long firstManifestRecords;
        private volatile long lastVisibleNanos;
        private volatile boolean running = true;

        ManifestWatcher(TestTopics topics) {
            super("manifest-watcher");
            setDaemon(true);
            this.topics = topics;
        }

        void trackLatency() {
            tracking = true;
        }

        void sent(String id) {
            sentAtNanos.put(id, System.nanoTime());
        }

        @Override
        public void run() {
            try (KafkaConsumer<byte[], ShardManifest> consumer = topics.manifestConsumer()) {
                while (running) {
                    consumer.poll(Duration.ofMillis(20)).forEach(record -> {
                        long visible = System.nanoTime();
                        ShardManifest manifest = record.value();
                        if (committed.get() == 0) {
                            firstVisibleNanos = visible;
                            firstManifestRecords = manifest.getRecordCount();
                        }
                        committed.addAndGet(manifest.getRecordCount());
                        lastVisibleNanos = visible;
                        if (tracking) {
                            for (String id : manifest.getInstructionIds()) {
                                Long sent = sentAtNanos.remove(id);
                                if (sent != null) {
                                    latenciesNanos.add(visible - sent);
                                }
                            }
                        }
                    });
                }
            }
        }

        void awaitCommitted(long records, Duration timeout) {
            Await.value(records + " records committed", timeout, Duration.ofMillis(5), committed::get,
                    count -> count >= records);
        }

        double[] latencyPercentiles() {
            long[] sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return new double[] {sorted[(int) (sorted.length * 0.50)] / 1e6,
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                    sorted[sorted.length - 1] / 1e6};
        }

        void stopWatching() {
            running = false;
        }
    }
}
