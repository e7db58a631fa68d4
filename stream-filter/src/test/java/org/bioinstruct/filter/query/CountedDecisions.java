package org.bioinstruct.filter.query;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * A topology shaped like the filter's outputs for the count tests: decisions read from test topics pass
 * {@link CountingProcessor}s on their way to the accepted, rejected and dead-letter topics. Accepted tasks are
 * counted in {@link CountStores#DEDUP}; rejections and dead letters in {@link CountStores#RAW}, a sub-topology
 * apart, as in the filter.
 */
public final class CountedDecisions {
    public static final String ACCEPTED = "test.decided.accepted";
    public static final String REJECTED = "test.decided.rejected";
    public static final String UNDECODABLE = "test.undecodable";
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();

    private CountedDecisions() {
    }

    static Topology topology(Map<String, ?> serdeConfig) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(CountStores.builder(CountStores.DEDUP));
        builder.addStateStore(CountStores.builder(CountStores.RAW));
        builder.stream(ACCEPTED, Consumed.with(TOPICS.accepted().keySerde(serdeConfig),
                        TOPICS.accepted().valueSerde(serdeConfig)))
                .processValues(CountingProcessor.acceptedByCategory(CountStores.DEDUP), Named.as("meter-accepted"),
                        CountStores.DEDUP)
                .to(TOPICS.accepted().name(), Produced.with(TOPICS.accepted().keySerde(serdeConfig),
                        TOPICS.accepted().valueSerde(serdeConfig)));
        builder.stream(REJECTED, Consumed.with(TOPICS.rejected().keySerde(serdeConfig),
                        TOPICS.rejected().valueSerde(serdeConfig)))
                .processValues(CountingProcessor.rejectedByReason(CountStores.RAW), Named.as("meter-rejected"),
                        CountStores.RAW)
                .to(TOPICS.rejected().name(), Produced.with(TOPICS.rejected().keySerde(serdeConfig),
                        TOPICS.rejected().valueSerde(serdeConfig)));
        builder.stream(UNDECODABLE, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .processValues(CountingProcessor.deadLetteredFrom(CountStores.RAW, UNDECODABLE), Named.as("meter-dlq"),
                        CountStores.RAW)
                .to(TOPICS.dlq().name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /** Every entry of a count store of {@code driver}'s topology. */
    public static Map<String, Long> contents(TopologyTestDriver driver, String storeName) {
        Map<String, Long> contents = new HashMap<>();
        try (KeyValueIterator<String, Long> all = driver.<String, Long>getKeyValueStore(storeName).all()) {
            all.forEachRemaining(entry -> contents.put(entry.key, entry.value));
        }
        return contents;
    }
}
