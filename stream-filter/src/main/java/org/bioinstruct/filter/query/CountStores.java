package org.bioinstruct.filter.query;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The filter's count stores, one in each of its sub-topologies, filled by {@link CountingProcessor}s in the
 * same tasks that decide the records. Under exactly-once a store's changelog commits in the same transaction
 * as the task's outputs, so the counts are exactly what was committed to the output topics, and a restarted
 * or moved task restores them. Keys are {@code <counter>/<label>}, e.g. {@code accepted/QA}; an instance's
 * counts are the sum over the partitions of both stores it holds.
 */
public final class CountStores {
    /** In the raw topic's tasks: tasks rejected by validation, records dead-lettered. */
    public static final String RAW = "raw-counts";
    /** In the duplicate checks' task: exact and near duplicates rejected, tasks accepted. */
    public static final String DEDUP = "dedup-counts";
    static final List<String> ALL = List.of(RAW, DEDUP);

    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
    static final String DEAD_LETTERED = "dead-lettered";
    private static final char SEPARATOR = '/';

    private CountStores() {
    }

    /** A persistent, cached store: its changelog gets each label's count once per commit, not once per record. */
    public static StoreBuilder<KeyValueStore<String, Long>> builder(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
    }

    static String key(String counter, String label) {
        return counter + SEPARATOR + label;
    }

    /** The counts of store entries (already summed by key); keys of other counters are ignored. */
    static Counts counts(Map<String, Long> byKey) {
        Map<String, Long> accepted = new TreeMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        long deadLettered = 0;
        for (Map.Entry<String, Long> entry : byKey.entrySet()) {
            int cut = entry.getKey().indexOf(SEPARATOR);
            String counter = cut < 0 ? entry.getKey() : entry.getKey().substring(0, cut);
            String label = entry.getKey().substring(cut + 1);
            switch (counter) {
                case ACCEPTED -> accepted.merge(label, entry.getValue(), Long::sum);
                case REJECTED -> rejected.merge(label, entry.getValue(), Long::sum);
                case DEAD_LETTERED -> deadLettered += entry.getValue();
                default -> {
                }
            }
        }
        return new Counts(accepted, rejected, deadLettered);
    }
}
