package org.bioinstruct.filter.query;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedCount;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;

/**
 * Passes records through unchanged, counting them by a label twice over:
 * <ul>
 *   <li>in a count store of its task ({@link CountStores}), key {@code <counter>/<label>}: exact, since the
 *       store commits with the task's outputs under exactly-once; {@code /counts} reads these;</li>
 *   <li>in Kafka Streams metrics (group {@value #GROUP}): {@code <counter>-total} and {@code <counter>-rate}
 *       (per second), tagged {@code thread-id} and {@code <tag>=<label>}, e.g. {@code accepted-total{category=QA}},
 *       in {@code KafkaStreams#metrics()} and over JMX. Counted as records pass, so a task aborted and
 *       reprocessed under exactly-once counts twice there.</li>
 * </ul>
 */
public final class CountingProcessor<K, V> implements FixedKeyProcessor<K, V, V> {
    public static final String GROUP = "bioinstruct-filter";
    public static final String THREAD_TAG = "thread-id";

    private final String storeName;
    private final String counter;
    private final String tag;
    private final Function<V, String> label;
    private final Map<String, Label> labels = new HashMap<>();
    private FixedKeyProcessorContext<K, V> context;
    private KeyValueStore<String, Long> store;
    private String thread;

    /** What one label is counted under: its store key and its sensor. */
    private record Label(String storeKey, Sensor sensor) {
    }

    /**
     * @param storeName the count store, one of {@link CountStores}, connected to this processor
     * @param counter   the store key's and metric name's stem, e.g. {@code accepted}
     * @param tag       the metric tag naming the label, e.g. {@code category}
     * @param label     the label of a record, e.g. its category
     */
    public CountingProcessor(String storeName, String counter, String tag, Function<V, String> label) {
        this.storeName = storeName;
        this.counter = counter;
        this.tag = tag;
        this.label = label;
    }

    /** Accepted tasks by {@code category}. */
    public static FixedKeyProcessorSupplier<String, AcceptedInstruction, AcceptedInstruction> acceptedByCategory(
            String storeName) {
        return () -> new CountingProcessor<>(storeName, CountStores.ACCEPTED, "category",
                task -> task.getCategory().name());
    }

    /** Rejected tasks by {@code reason}. */
    public static FixedKeyProcessorSupplier<String, RejectedInstruction, RejectedInstruction> rejectedByReason(
            String storeName) {
        return () -> new CountingProcessor<>(storeName, CountStores.REJECTED, "reason", RejectedInstruction::getReason);
    }

    /** Dead letters by the {@code topic} they were read from; their values may be null. */
    public static <K, V> FixedKeyProcessorSupplier<K, V, V> deadLetteredFrom(String storeName, String sourceTopic) {
        return () -> new CountingProcessor<>(storeName, CountStores.DEAD_LETTERED, "topic", value -> sourceTopic);
    }

    /** Sums {@code <counter>-total} over the stream threads of {@code metrics}, by label. */
    public static Map<String, Long> totals(Map<MetricName, ? extends Metric> metrics, String counter, String tag) {
        Map<String, Long> totals = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (name.group().equals(GROUP) && name.name().equals(counter + "-total") && name.tags().containsKey(tag)) {
                totals.merge(name.tags().get(tag), ((Number) metric.metricValue()).longValue(), Long::sum);
            }
        });
        return totals;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, V> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.thread = Thread.currentThread().getName();
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        Label counted = labels.computeIfAbsent(label.apply(record.value()), this::register);
        Long count = store.get(counted.storeKey());
        store.put(counted.storeKey(), count == null ? 1 : count + 1);
        counted.sensor().record();
        context.forward(record);
    }

    /**
     * The store key and sensor of a label seen for the first time. Sensors are per thread and shared by the
     * thread's tasks (the registry returns the existing sensor by name), so they are never removed when one task
     * closes.
     */
    private Label register(String v) {
        Sensor sensor = context.metrics().addSensor(thread + "." + GROUP + "." + counter + "." + tag + "." + v,
                Sensor.RecordingLevel.INFO);
        Map<String, String> tags = Map.of(THREAD_TAG, thread, tag, v);
        sensor.add(new MetricName(counter + "-total", GROUP, "records counted as " + counter + ", by " + tag, tags),
                new CumulativeCount());
        sensor.add(new MetricName(counter + "-rate", GROUP, "records per second counted as " + counter + ", by "
                + tag, tags), new Rate(TimeUnit.SECONDS, new WindowedCount()));
        return new Label(CountStores.key(counter, v), sensor);
    }
}
