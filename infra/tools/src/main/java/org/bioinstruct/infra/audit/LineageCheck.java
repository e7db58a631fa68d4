package org.bioinstruct.infra.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;

/**
 * Every TRAIN shard is in the newest adapter lineage (the chain of parents from the newest version),
 * introduced by exactly one version of it, and each version's shard list is its parent's plus its new
 * shards. TRAIN shards the trainer dead-lettered are counted, not required.
 */
final class LineageCheck {
    private LineageCheck() {
    }

    static void run(PipelineState state, String shardsTopic, Findings findings) {
        Map<Integer, AdapterCheckpoint> byVersion = new HashMap<>();
        for (AdapterCheckpoint checkpoint : state.checkpoints) {
            if (byVersion.putIfAbsent(checkpoint.getAdapterVersion(), checkpoint) != null) {
                findings.mismatch(MismatchKind.DUPLICATE_VERSION, "v" + checkpoint.getAdapterVersion());
            }
        }
        List<AdapterCheckpoint> chain = newestChain(byVersion, findings);
        Map<String, Integer> introducedBy = new HashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            AdapterCheckpoint version = chain.get(i);
            for (String shard : version.getNewShardIds()) {
                Integer earlier = introducedBy.putIfAbsent(shard, version.getAdapterVersion());
                if (earlier != null) {
                    findings.mismatch(MismatchKind.TRAINED_TWICE, shard + " introduced by v" + earlier + " and v"
                            + version.getAdapterVersion());
                }
            }
            checkShardList(version, byVersion, findings);
        }
        Set<String> trainShards = new LinkedHashSet<>();
        state.manifests.stream().filter(m -> m.getSplit() == Split.TRAIN).map(ShardManifest::getShardId)
                .forEach(trainShards::add);
        IdCounts deadLettered = state.deadLetteredFrom(shardsTopic);
        Set<String> newestLineage = chain.isEmpty() ? Set.of() : new HashSet<>(chain.get(0).getShardIds());
        for (String shard : trainShards) {
            if (!introducedBy.containsKey(shard) && !deadLettered.contains(shard)) {
                findings.mismatch(MismatchKind.NOT_TRAINED, shard);
            } else if (introducedBy.containsKey(shard) && !newestLineage.contains(shard)) {
                findings.mismatch(MismatchKind.LINEAGE_INCONSISTENT, shard + " introduced by v"
                        + introducedBy.get(shard) + " but missing from the newest version's shard list");
            }
        }
        introducedBy.keySet().stream().filter(shard -> !trainShards.contains(shard)).sorted()
                .forEach(shard -> findings.mismatch(MismatchKind.TRAINED_UNKNOWN_SHARD, shard + " (v"
                        + introducedBy.get(shard) + ")"));
        findings.count("trainShards", trainShards.size());
        findings.count("trainShardsDeadLettered", trainShards.stream().filter(deadLettered::contains).count());
        findings.count("adapterVersions", state.checkpoints.size());
        findings.count("newestLineageVersions", chain.size());
        findings.count("newestAdapterVersion", chain.isEmpty() ? -1 : chain.get(0).getAdapterVersion());
    }

    /** From the newest version back to the first; stops (reporting it) at a missing parent or a cycle. */
    private static List<AdapterCheckpoint> newestChain(Map<Integer, AdapterCheckpoint> byVersion, Findings findings) {
        List<AdapterCheckpoint> chain = new ArrayList<>();
        Integer version = byVersion.keySet().stream().max(Integer::compare).orElse(null);
        Set<Integer> visited = new HashSet<>();
        while (version != null) {
            AdapterCheckpoint checkpoint = byVersion.get(version);
            if (checkpoint == null || !visited.add(version)) {
                findings.mismatch(MismatchKind.LINEAGE_INCONSISTENT, "parent v" + version + " of v"
                        + chain.get(chain.size() - 1).getAdapterVersion() + (checkpoint == null ? " was never published"
                        : " closes a cycle"));
                break;
            }
            chain.add(checkpoint);
            version = checkpoint.getParentVersion();
        }
        return chain;
    }

    private static void checkShardList(AdapterCheckpoint version, Map<Integer, AdapterCheckpoint> byVersion,
                                       Findings findings) {
        Set<String> expected = new HashSet<>(version.getNewShardIds());
        AdapterCheckpoint parent = version.getParentVersion() == null ? null : byVersion.get(version.getParentVersion());
        if (parent != null) {
            expected.addAll(parent.getShardIds());
        }
        Set<String> listed = new HashSet<>(version.getShardIds());
        if (!listed.equals(expected) || listed.size() != version.getShardIds().size()) {
            findings.mismatch(MismatchKind.LINEAGE_INCONSISTENT, "v" + version.getAdapterVersion() + " lists "
                    + version.getShardIds() + ", expected parent's plus new " + expected.stream().sorted().toList());
        }
    }
}
