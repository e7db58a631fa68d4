package org.bioinstruct.infra.pipeline;

import java.util.Optional;
import java.util.Set;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.Split;

/**
 * When a demo run of {@code expected} instructions has flowed all the way through: every instruction
 * filtered, every accepted one the shard-builder selects in a shard (all of them unless
 * {@code shards.categories} leaves training examples out), the newest adapter has seen every training shard
 * and has been evaluated (when there is anything to evaluate on).
 */
public final class Completion {
    private Completion() {
    }

    /** Empty when done, otherwise what is still missing, for the progress display and time-out message. */
    public static Optional<String> missing(PipelineCounts counts, long expected) {
        if (counts.generated() < expected) {
            return Optional.of("generated " + counts.generated() + " of " + expected);
        }
        long filtered = counts.accepted() + counts.rejected() + counts.deadLettered();
        if (filtered < counts.generated()) {
            return Optional.of("filtered " + filtered + " of " + counts.generated());
        }
        if (counts.examplesInShards() < counts.acceptedForShards()) {
            long outside = counts.acceptedOutsideSelectedCategories();
            return Optional.of("sharded " + counts.examplesInShards() + " of " + counts.acceptedForShards()
                    + " accepted" + (outside > 0 ? " (" + outside + " more outside shards.categories)" : ""));
        }
        Set<String> trainShards = counts.shardIds(Split.TRAIN);
        if (trainShards.isEmpty()) {
            return Optional.empty();
        }
        Optional<AdapterCheckpoint> latest = counts.latestCheckpoint();
        if (latest.isEmpty() || !latest.get().getShardIds().containsAll(trainShards)) {
            long trained = latest.map(c -> c.getShardIds().stream().filter(trainShards::contains).count()).orElse(0L);
            return Optional.of("trained " + trained + " of " + trainShards.size() + " training shards");
        }
        if (!counts.shardIds(Split.EVAL).isEmpty()
                && counts.evalMetricsOf(latest.get().getAdapterVersion()).isEmpty()) {
            return Optional.of("evaluating adapter v" + latest.get().getAdapterVersion());
        }
        return Optional.empty();
    }

    /** The contract the demo's exit code stands on: accepted = examples in shards + outside the selection. */
    public static boolean reconciles(PipelineCounts counts, long expected) {
        return counts.generated() == expected
                && counts.generated() == counts.accepted() + counts.rejected() + counts.deadLettered()
                && counts.acceptedForShards() == counts.examplesInShards();
    }
}
