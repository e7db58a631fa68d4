package org.bioinstruct.filter.query;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The counts in this instance's active count stores (standbys are not read, so summing every instance
 * counts each partition once). An instance that holds no partition of a store contributes nothing to it.
 */
final class LocalCounts {
    private final KafkaStreams streams;
    private final HostInfo self;

    LocalCounts(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** Throws {@link CountsUnavailableException} unless the streams client is running with its stores open. */
    Counts read() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new CountsUnavailableException("the filter is " + state + ", counts are readable once it is RUNNING; "
                    + "retry shortly");
        }
        try {
            return new Counts(read(CountsTopology.ACCEPTED_BY_CATEGORY), read(CountsTopology.REJECTED_BY_REASON),
                    read(CountsTopology.DEAD_LETTERED).getOrDefault(CountsTopology.TOTAL, 0L));
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailableException("count stores are moving between instances (rebalancing): "
                    + e.getMessage() + "; retry shortly", e);
        }
    }

    private Map<String, Long> read(String storeName) {
        if (streams.streamsMetadataForStore(storeName).stream().noneMatch(m -> m.hostInfo().equals(self))) {
            return Map.of();
        }
        ReadOnlyKeyValueStore<String, Long> store = streams.store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
        Map<String, Long> counts = new TreeMap<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(entry -> counts.put(entry.key, entry.value));
        }
        return counts;
    }
}
