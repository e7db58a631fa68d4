package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.bioinstruct.model.tokenizer.PromptFormat.TokenSequence;
import org.junit.jupiter.api.Test;

class MicroBatchTest {
    @Test
    void masksEverythingButTheResponseTargetsAndPadsOnTheRight() {
        // BOS p1 p2 | r1 r2 EOS (response starts at index 3); a shorter second row: BOS p | r EOS
        TokenSequence longer = new TokenSequence(new int[] {1, 10, 11, 20, 21, 2}, 3);
        TokenSequence shorter = new TokenSequence(new int[] {1, 12, 22, 2}, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            MicroBatch batch = MicroBatch.of(List.of(longer, shorter), manager);

            assertArrayEquals(new long[] {2, 5}, batch.inputs().getShape().getShape());
            assertArrayEquals(new long[] {1, 10, 11, 20, 21, 1, 12, 22, 0, 0}, batch.inputs().toLongArray());
            assertArrayEquals(new long[] {10, 11, 20, 21, 2, 12, 22, 2, 0, 0}, batch.targets().toLongArray());
            assertArrayEquals(new float[] {0, 0, 1, 1, 1, 0, 1, 1, 0, 0}, batch.mask().toFloatArray());
            assertEquals(5, batch.targetTokens(), "r1 r2 EOS + r EOS");
            assertEquals(MicroBatch.targetTokens(longer) + MicroBatch.targetTokens(shorter), batch.targetTokens());
            assertEquals(8, batch.tokens(), "non-padding inputs");
        }
    }
}
