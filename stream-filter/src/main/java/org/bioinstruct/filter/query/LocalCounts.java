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
 * The counts in this instance's active count stores, summed over every partition of both (standbys are not
 * read, so summing every instance counts each partition once). An instance that holds no partition of a
 * store contributes nothing to it.
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
            Map<String, Long> byKey = new TreeMap<>();
            CountStores.ALL.forEach(storeName -> addTo(byKey, storeName));
            return CountStores.counts(byKey);
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailableException("count stores are moving between instances (rebalancing): "
                    + e.getMessage() + "; retry shortly", e);
        }
    }

    /** The store's view spans this instance's partitions of it, so one key can come once per partition. */
    private void addTo(Map<String, Long> byKey, String storeName) {
        if (streams.streamsMetadataForStore(storeName).stream().noneMatch(m -> m.hostInfo().equals(self))) {
            return;
        }
        ReadOnlyKeyValueStore<String, Long> store = streams.store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(entry -> byKey.merge(entry.key, entry.value, Long::sum));
        }
    }
}
