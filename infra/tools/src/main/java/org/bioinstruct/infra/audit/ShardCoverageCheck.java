package org.bioinstruct.infra.audit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.split.ShardSelection;

/**
 * accepted = train + eval examples in shards + accepted TRAIN examples outside the selected categories +
 * dead-lettered from the accepted topic, with the shard-builder's own rule ({@link ShardSelection}) deciding
 * which accepted examples belong in a shard; no id in two shards; no shard id published twice; no shard
 * holding an id that was never accepted or that the selection leaves out.
 */
final class ShardCoverageCheck {
    private ShardCoverageCheck() {
    }

    static void run(PipelineState state, String acceptedTopic, ShardSelection selection, Findings findings) {
        Map<String, String> shardOfId = new HashMap<>();
        Set<String> shardIds = new HashSet<>();
        long train = 0;
        long eval = 0;
        long declared = 0;
        for (ShardManifest manifest : state.manifests) {
            if (!shardIds.add(manifest.getShardId())) {
                findings.mismatch(MismatchKind.DUPLICATE_MANIFEST, manifest.getShardId());
            }
            declared += manifest.getRecordCount();
            for (String id : manifest.getInstructionIds()) {
                String earlier = shardOfId.putIfAbsent(id, manifest.getShardId());
                if (earlier != null) {
                    findings.mismatch(MismatchKind.ID_IN_TWO_SHARDS, id + " in " + earlier + " and "
                            + manifest.getShardId());
                    continue;
                }
                if (manifest.getSplit() == Split.TRAIN) {
                    train++;
                } else {
                    eval++;
                }
                if (!state.accepted.contains(id)) {
                    findings.mismatch(MismatchKind.SHARD_ID_NOT_ACCEPTED, id + " in " + manifest.getShardId());
                } else if (outsideSelection(state, selection, id)) {
                    findings.mismatch(MismatchKind.SHARDED_OUTSIDE_SELECTION, id + " (TRAIN, category "
                            + state.acceptedCategories.get(id) + ") in " + manifest.getShardId());
                }
            }
        }
        IdCounts deadLettered = state.deadLetteredFrom(acceptedTopic);
        long outside = 0;
        for (String id : state.accepted.ids()) {
            if (shardOfId.containsKey(id) || deadLettered.contains(id)) {
                continue;
            }
            if (outsideSelection(state, selection, id)) {
                outside++;
            } else {
                findings.mismatch(MismatchKind.ACCEPTED_IN_NO_SHARD, id + " (category "
                        + state.acceptedCategories.get(id) + ")");
            }
        }
        findings.count("shards", state.manifests.size());
        findings.count("examplesInShards", declared);
        findings.count("acceptedTrain", train);
        findings.count("acceptedEval", eval);
        findings.count("acceptedOutsideSelectedCategories", outside);
        findings.count("deadLetteredFromAccepted", deadLettered.total());
        findings.count("acceptedUndecodable", state.undecodableAccepted.size());
        long accounted = train + eval + outside + deadLettered.total();
        if (state.accepted.total() != accounted) {
            findings.mismatch(MismatchKind.ACCEPTED_COUNT, "accepted " + state.accepted.total() + " != train " + train
                    + " + eval " + eval + " + outside selected categories " + outside + " + dead-lettered "
                    + deadLettered.total() + " (= " + accounted + ")");
        }
    }

    /** An accepted TRAIN example the selection keeps out of shards; undecodable ones (no category) are not. */
    private static boolean outsideSelection(PipelineState state, ShardSelection selection, String id) {
        String category = state.acceptedCategories.get(id);
        return category != null && !selection.sharded(id, category);
    }
}
