package org.bioinstruct.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.bioinstruct.model.tensor.OwnedArrays;
import org.bioinstruct.model.tokenizer.PromptFormat.TokenSequence;

/**
 * Right-padded inputs, next-token targets and a 0/1 loss mask over response targets. Right padding needs no
 * attention mask: under the causal mask a real token never attends to the padding after it, and padded
 * positions carry no loss. Padding uses token id 0, which every vocabulary has.
 */
record MicroBatch(NDArray inputs, NDArray targets, NDArray mask, long targetTokens, long tokens) {
    private static final int PAD = 0;

    /** Response targets in a sequence, i.e. the loss positions {@link #of} marks. */
    static long targetTokens(TokenSequence sequence) {
        return Math.max(0, sequence.tokens().length - Math.max(sequence.responseStart(), 1));
    }

    static MicroBatch of(List<TokenSequence> sequences, NDManager manager) {
        int length = 1;
        for (TokenSequence s : sequences) {
            length = Math.max(length, s.tokens().length - 1);
        }
        int rows = sequences.size();
        long[] inputs = new long[rows * length];
        long[] targets = new long[rows * length];
        float[] mask = new float[rows * length];
        java.util.Arrays.fill(inputs, PAD);
        java.util.Arrays.fill(targets, PAD);
        long count = 0;
        long tokens = 0;
        for (int r = 0; r < rows; r++) {
            int[] ids = sequences.get(r).tokens();
            int responseStart = sequences.get(r).responseStart();
            for (int t = 0; t + 1 < ids.length; t++) {
                inputs[r * length + t] = ids[t];
                targets[r * length + t] = ids[t + 1];
                if (t + 1 >= responseStart) {
                    mask[r * length + t] = 1f;
                    count++;
                }
            }
            tokens += Math.max(ids.length - 1, 0);
        }
        Shape shape = new Shape(rows, length);
        return new MicroBatch(OwnedArrays.of(manager, inputs, shape), OwnedArrays.of(manager, targets, shape),
                OwnedArrays.of(manager, mask, shape), count, tokens);
    }
}
