package org.bioinstruct.filter.query;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * Count tables over the filter's own output topics: accepted tasks by category, rejected tasks by reason
 * code, dead-lettered records in total. Reading the topics rather than counting in the pipeline makes the
 * counts exactly what was committed there (the app reads read_committed under exactly-once), and a
 * restarted or rebalanced instance restores them from their changelogs instead of starting from zero.
 * Every aggregation repartitions only the label, never the Avro record.
 */
public final class CountsTopology {
    public static final String ACCEPTED_BY_CATEGORY = "accepted-by-category";
    public static final String REJECTED_BY_REASON = "rejected-by-reason";
    public static final String DEAD_LETTERED = "dead-lettered";
    /** The one key of {@link #DEAD_LETTERED}. */
    public static final String TOTAL = "total";

    private CountsTopology() {
    }

    /** Adds the three count tables to {@code builder}; processor names all start with {@code counts-}. */
    public static void addTo(StreamsBuilder builder, TopicCatalogue topics, Map<String, ?> serdeConfig) {
        KStream<String, String> categories = builder
                .stream(topics.accepted().name(), Consumed.with(topics.accepted().keySerde(serdeConfig),
                        topics.accepted().valueSerde(serdeConfig)).withName("counts-accepted-source"))
                .filter((id, task) -> task != null, Named.as("counts-accepted-present"))
                .mapValues(task -> task.getCategory().name(), Named.as("counts-accepted-category"));
        count(categories, ACCEPTED_BY_CATEGORY, "counts-accepted");

        KStream<String, String> reasons = builder
                .stream(topics.rejected().name(), Consumed.with(topics.rejected().keySerde(serdeConfig),
                        topics.rejected().valueSerde(serdeConfig)).withName("counts-rejected-source"))
                .filter((id, task) -> task != null, Named.as("counts-rejected-present"))
                .mapValues(task -> task.getReason(), Named.as("counts-rejected-reason"));
        count(reasons, REJECTED_BY_REASON, "counts-rejected");

        // dead letters may have no value at all (a tombstone that could not be decoded), so map before grouping
        KStream<String, String> deadLetters = builder
                .stream(topics.dlq().name(), Consumed.with(topics.dlq().keySerde(serdeConfig),
                        topics.dlq().valueSerde(serdeConfig)).withName("counts-dlq-source"))
                .map((key, value) -> KeyValue.pair("", TOTAL), Named.as("counts-dlq-total"));
        count(deadLetters, DEAD_LETTERED, "counts-dlq");
    }

    private static void count(KStream<String, String> labels, String store, String name) {
        labels.groupBy((key, label) -> label, Grouped.with(name, Serdes.String(), Serdes.String()))
                .count(Named.as(name + "-count"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(store)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()));
    }
}
