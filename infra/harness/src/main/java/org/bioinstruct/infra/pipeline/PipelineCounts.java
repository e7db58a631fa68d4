package org.bioinstruct.infra.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;

/**
 * What the topics hold at one moment, as committed records.
 *
 * @param acceptedOutsideSelectedCategories accepted TRAIN examples of categories outside the shard-builder's
 *                                          {@code shards.categories}, which by configuration go into no shard
 */
public record PipelineCounts(
        long generated,
        long accepted,
        long acceptedOutsideSelectedCategories,
        long rejected,
        Map<String, Long> rejectedByReason,
        long deadLettered,
        List<ShardManifest> shards,
        List<AdapterCheckpoint> checkpoints,
        long trainingMetrics,
        List<EvalMetric> evalMetrics) {

    public PipelineCounts {
        rejectedByReason = Map.copyOf(rejectedByReason);
        shards = List.copyOf(shards);
        checkpoints = List.copyOf(checkpoints);
        evalMetrics = List.copyOf(evalMetrics);
    }

    /** The accepted examples the shard-builder puts into shards: every EVAL one, TRAIN ones of selected categories. */
    public long acceptedForShards() {
        return accepted - acceptedOutsideSelectedCategories;
    }

    public long examplesInShards() {
        return shards.stream().mapToLong(ShardManifest::getRecordCount).sum();
    }

    public Set<String> shardIds(Split split) {
        return shards.stream().filter(s -> s.getSplit() == split).map(ShardManifest::getShardId)
                .collect(Collectors.toSet());
    }

    public Optional<AdapterCheckpoint> latestCheckpoint() {
        return checkpoints.stream().max(java.util.Comparator.comparingInt(AdapterCheckpoint::getAdapterVersion));
    }

    public List<EvalMetric> evalMetricsOf(int adapterVersion) {
        return evalMetrics.stream().filter(m -> m.getAdapterVersion() == adapterVersion).toList();
    }
}
