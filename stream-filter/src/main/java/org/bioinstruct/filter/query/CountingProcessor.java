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
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;

/**
 * Passes records through unchanged, counting them by a label in Kafka Streams metrics (group
 * {@value #GROUP}): {@code <counter>-total} and {@code <counter>-rate} (per second), tagged
 * {@code thread-id} and {@code <tag>=<label>}, e.g. {@code accepted-total{category=QA}}. They show in
 * {@code KafkaStreams#metrics()} and over JMX. Counted as records pass, so a task aborted and reprocessed
 * under exactly-once counts twice; the count stores are the exact figures.
 */
public final class CountingProcessor<K, V> implements FixedKeyProcessor<K, V, V> {
    public static final String GROUP = "bioinstruct-filter";
    public static final String THREAD_TAG = "thread-id";

    private final String counter;
    private final String tag;
    private final Function<V, String> label;
    private final Map<String, Sensor> sensors = new HashMap<>();
    private FixedKeyProcessorContext<K, V> context;
    private String thread;

    /**
     * @param counter the metric name stem, e.g. {@code accepted}
     * @param tag     the tag naming the label, e.g. {@code category}
     * @param label   the label of a record, e.g. its category
     */
    public CountingProcessor(String counter, String tag, Function<V, String> label) {
        this.counter = counter;
        this.tag = tag;
        this.label = label;
    }

    /** {@code accepted-total} and {@code accepted-rate} by {@code category}. */
    public static FixedKeyProcessorSupplier<String, AcceptedInstruction, AcceptedInstruction> acceptedByCategory() {
        return () -> new CountingProcessor<>("accepted", "category", task -> task.getCategory().name());
    }

    /** {@code rejected-total} and {@code rejected-rate} by {@code reason}. */
    public static FixedKeyProcessorSupplier<String, RejectedInstruction, RejectedInstruction> rejectedByReason() {
        return () -> new CountingProcessor<>("rejected", "reason", RejectedInstruction::getReason);
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
        this.thread = Thread.currentThread().getName();
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        sensor(label.apply(record.value())).record();
        context.forward(record);
    }

    /**
     * Sensors are per thread and shared by the thread's tasks (the registry returns the existing sensor by
     * name), so they are never removed when one task closes.
     */
    private Sensor sensor(String value) {
        return sensors.computeIfAbsent(value, v -> {
            Sensor sensor = context.metrics().addSensor(thread + "." + GROUP + "." + counter + "." + tag + "." + v,
                    Sensor.RecordingLevel.INFO);
            Map<String, String> tags = Map.of(THREAD_TAG, thread, tag, v);
            sensor.add(new MetricName(counter + "-total", GROUP, "records counted as " + counter + ", by " + tag, tags),
                    new CumulativeCount());
            sensor.add(new MetricName(counter + "-rate", GROUP, "records per second counted as " + counter + ", by "
                    + tag, tags), new Rate(TimeUnit.SECONDS, new WindowedCount()));
            return sensor;
        });
    }
}
