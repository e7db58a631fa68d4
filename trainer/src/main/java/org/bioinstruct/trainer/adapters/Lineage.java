package org.bioinstruct.trainer.adapters;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code lineage.json} of an adapter version: its parent, the shards trained into it and every shard it has
 * seen, plus the training summary its checkpoint record reports (so a lost checkpoint can be re-published).
 * {@code shardFiles} locates every seen shard's file, for replay; {@code replayed} counts the examples drawn
 * from earlier shards into this version.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Lineage(int version, Integer parent, List<String> newShardIds, List<String> shardIds,
                      long examples, long tokens, double loss, String runId, String baseModel, long createdAtMillis,
                      List<ShardRef> shardFiles, int replayed, long globalStep) {
    public Lineage {
        newShardIds = List.copyOf(newShardIds);
        shardIds = List.copyOf(shardIds);
        shardFiles = shardFiles == null ? List.of() : List.copyOf(shardFiles);
    }
}
