package org.bioinstruct.infra.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.junit.jupiter.api.Test;

class CompletionTest {

    private static ShardManifest shard(String id, Split split, int records) {
        return ShardManifest.newBuilder().setShardId(id).setUri("file:///x/" + id).setSplit(split)
                .setRecordCount(records).setSha256("00").setByteSize(1).setCreatedAt(Instant.EPOCH).build();
    }

    private static AdapterCheckpoint checkpoint(int version, List<String> shards) {
        return AdapterCheckpoint.newBuilder().setAdapterVersion(version).setRunId("r").setUri("file:///a")
                .setBaseModel("b").setShardIds(shards).setExamples(1).setTokens(1).setLoss(1.0)
                .setCreatedAt(Instant.EPOCH).build();
    }

    private static EvalMetric metric(int version) {
        return EvalMetric.newBuilder().setAdapterVersion(version).setRunId("r").setSuite("heldout")
                .setTask("generation").setCategory(Category.GEN).setMetric("rougeL").setValue(0.2)
                .setBaseline(0.1).setGain(1.0).setN(4).setTimestamp(Instant.EPOCH).build();
    }

    private static PipelineCounts counts(long generated, long accepted, long rejected, List<ShardManifest> shards,
                                         List<AdapterCheckpoint> checkpoints, List<EvalMetric> metrics) {
        return selected(generated, accepted, 0, rejected, shards, checkpoints, metrics);
    }

    /** @param outside accepted TRAIN examples the shard-builder's shards.categories leaves out of shards */
    private static PipelineCounts selected(long generated, long accepted, long outside, long rejected,
                                           List<ShardManifest> shards, List<AdapterCheckpoint> checkpoints,
                                           List<EvalMetric> metrics) {
        return new PipelineCounts(generated, accepted, outside, rejected, Map.of("DUPLICATE_EXACT", rejected), 0,
                shards, checkpoints, 0, metrics);
    }

    @Test
    void waitsForGenerationThenFilteringThenSharding() {
        assertEquals(Optional.of("generated 5 of 10"), Completion.missing(counts(5, 5, 0, List.of(), List.of(), List.of()), 10));
        assertEquals(Optional.of("filtered 8 of 10"), Completion.missing(counts(10, 6, 2, List.of(), List.of(), List.of()), 10));
        assertEquals(Optional.of("sharded 4 of 8 accepted"), Completion.missing(
                counts(10, 8, 2, List.of(shard("train-000001", Split.TRAIN, 4)), List.of(), List.of()), 10));
    }

    @Test
    void waitsUntilNewestAdapterHasSeenEveryTrainingShardAndIsEvaluated() {
        List<ShardManifest> shards = List.of(shard("train-000001", Split.TRAIN, 4), shard("train-000002", Split.TRAIN, 3),
                shard("eval-000001", Split.EVAL, 1));
        PipelineCounts halfTrained = counts(10, 8, 2, shards, List.of(checkpoint(1, List.of("train-000001"))), List.of());
        assertEquals(Optional.of("trained 1 of 2 training shards"), Completion.missing(halfTrained, 10));

        List<AdapterCheckpoint> both = List.of(checkpoint(1, List.of("train-000001")),
                checkpoint(2, List.of("train-000001", "train-000002")));
        assertEquals(Optional.of("evaluating adapter v2"), Completion.missing(counts(10, 8, 2, shards, both, List.of(metric(1))), 10));
        assertTrue(Completion.missing(counts(10, 8, 2, shards, both, List.of(metric(2))), 10).isEmpty());
    }

    @Test
    void withACategorySelectionCompletesOnceExactlyTheSelectedExamplesAreInShards() {
        List<AdapterCheckpoint> trained = List.of(checkpoint(1, List.of("train-000001")));
        List<EvalMetric> evaluated = List.of(metric(1));
        PipelineCounts oneShort = selected(12, 10, 4, 2, List.of(shard("train-000001", Split.TRAIN, 4),
                shard("eval-000001", Split.EVAL, 1)), trained, evaluated);
        PipelineCounts allSelected = selected(12, 10, 4, 2, List.of(shard("train-000001", Split.TRAIN, 5),
                shard("eval-000001", Split.EVAL, 1)), trained, evaluated);

        assertEquals(Optional.of("sharded 5 of 6 accepted (4 more outside shards.categories)"),
                Completion.missing(oneShort, 12));
        assertFalse(Completion.reconciles(oneShort, 12));
        assertTrue(Completion.missing(allSelected, 12).isEmpty());
        assertTrue(Completion.reconciles(allSelected, 12));
    }

    @Test
    void doesNotReconcileWhenShardsHoldExamplesTheSelectionLeavesOut() {
        PipelineCounts everyAcceptedInShards = selected(12, 10, 4, 2, List.of(shard("train-000001", Split.TRAIN, 9),
                shard("eval-000001", Split.EVAL, 1)), List.of(checkpoint(1, List.of("train-000001"))),
                List.of(metric(1)));

        assertTrue(Completion.missing(everyAcceptedInShards, 12).isEmpty());
        assertFalse(Completion.reconciles(everyAcceptedInShards, 12));
    }

    @Test
    void reconcilesOnlyWhenEveryInstructionIsAccountedFor() {
        List<ShardManifest> shards = List.of(shard("train-000001", Split.TRAIN, 8));
        assertTrue(Completion.reconciles(counts(10, 8, 2, shards, List.of(), List.of()), 10));
        assertFalse(Completion.reconciles(counts(10, 8, 1, shards, List.of(), List.of()), 10));
        assertFalse(Completion.reconciles(counts(10, 8, 2, List.of(shard("train-000001", Split.TRAIN, 7)),
                List.of(), List.of()), 10));
    }
}
