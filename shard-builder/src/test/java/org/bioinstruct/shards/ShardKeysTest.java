package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.split.SplitAssigner;
import org.junit.jupiter.api.Test;

class ShardKeysTest {

    @Test
    void keysBySplitWhenMixedAndBySplitAndCategoryOtherwise() {
        InstructionExample qa = Examples.example("k-1", "QA", 0, 0);

        assertEquals("TRAIN", new ShardKeys(new SplitAssigner(0.0), Batching.MIXED).getKey(qa));
        assertEquals("EVAL", new ShardKeys(new SplitAssigner(1.0), Batching.MIXED).getKey(qa));
        assertEquals("TRAIN/QA", new ShardKeys(new SplitAssigner(0.0), Batching.PER_CATEGORY).getKey(qa));
    }

    @Test
    void listsEveryKeyTheJobCanProduceWithEvaluationOverEveryCategory() {
        assertEquals(List.of("TRAIN", "EVAL"), ShardKeys.all(Batching.MIXED, List.of("QA", "IE")));
        assertEquals(List.of("TRAIN/QA", "TRAIN/IE", "EVAL/QA", "EVAL/IE", "EVAL/GEN", "EVAL/OTHER"),
                ShardKeys.all(Batching.PER_CATEGORY, List.of("QA", "IE")));
    }

    @Test
    void namesShardsAfterTheKeyAndASixDigitSequence() {
        assertEquals("train-000003", ShardKeys.shardId("TRAIN", 3));
        assertEquals("eval-gen-001234", ShardKeys.shardId("EVAL/GEN", 1234));
        assertEquals(Split.EVAL, ShardKeys.splitOf("EVAL/GEN"));
    }

    @Test
    void readsShardAndInProgressFileNamesBackAndIgnoresEverythingElse() {
        ShardKeys.StoredFile shard = ShardKeys.parse("train-qa-000012.jsonl.gz").orElseThrow();
        assertEquals(12, shard.sequence());
        assertTrue(shard.belongsTo("TRAIN/QA"));
        assertTrue(!shard.belongsTo("TRAIN"));

        ShardKeys.StoredFile temp = ShardKeys.parse(".eval-000007.parquet.inprogress.3f2a-11").orElseThrow();
        assertTrue(temp.inProgress());
        assertEquals(7, temp.sequence());
        assertTrue(temp.belongsTo("EVAL"));

        assertEquals(Optional.empty(), ShardKeys.parse("README.md"));
        assertEquals(Optional.empty(), ShardKeys.parse("train-12.jsonl"));
    }
}
