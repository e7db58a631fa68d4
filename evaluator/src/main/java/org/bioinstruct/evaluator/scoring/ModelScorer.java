package org.bioinstruct.evaluator.scoring;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.model.tokenizer.PromptFormat;
import org.bioinstruct.schemas.shards.Example;

/**
 * The evaluator's only contact with the trainer's model library: a base model, with or without an adapter, that
 * scores continuations by log-likelihood and answers prompts by greedy generation. Prompt and continuation are
 * tokenized separately and joined after BOS, as training encodes prompt and response; a sequence longer than the
 * model's context loses the beginning of its prompt.
 */
public final class ModelScorer implements AutoCloseable {
    private final LanguageModel model;

    private ModelScorer(LanguageModel model) {
        this.model = model;
    }

    public static ModelScorer base(BaseModel base) {
        return new ModelScorer(LanguageModel.create(base));
    }

    public static ModelScorer tuned(BaseModel base, LoraAdapter adapter) {
        return new ModelScorer(LanguageModel.withAdapter(base, adapter));
    }

    /**
     * Sum of log-probabilities of each continuation's tokens given the prompt, all options in one padded batch
     * (right padding cannot change earlier positions of a causal model).
     */
    public double[] logLikelihoods(Example example, List<String> continuations) {
        return logLikelihoods(PromptFormat.prompt(example), continuations);
    }

    /** The greedy answer to an example's prompt. */
    public String answer(Example example, int maxNewTokens) {
        return model.generate(PromptFormat.prompt(example), maxNewTokens);
    }

    double[] logLikelihoods(String prompt, List<String> continuations) {
        int maxLength = maxLength();
        int[] context = encode(prompt);
        int[][] conts = new int[continuations.size()][];
        int longest = 1;
        for (int i = 0; i < conts.length; i++) {
            int[] c = encode(continuations.get(i));
            conts[i] = c.length == 0 ? new int[0] : Arrays.copyOf(c, Math.min(c.length, maxLength / 2));
            longest = Math.max(longest, conts[i].length);
        }
        int contextKeep = Math.min(context.length, maxLength - 1 - longest);
        int length = 1 + contextKeep + longest;
        long[] ids = new long[conts.length * length];
        for (int b = 0; b < conts.length; b++) {
            int row = b * length;
            ids[row] = bos();
            for (int i = 0; i < contextKeep; i++) {
                ids[row + 1 + i] = context[context.length - contextKeep + i];
            }
            for (int i = 0; i < conts[b].length; i++) {
                ids[row + 1 + contextKeep + i] = conts[b][i];
            }
        }
        double[] out = new double[conts.length];
        try (NDManager step = model.manager().newSubManager()) {
            NDArray input;
            try (NDArray borrowed = step.create(ids, new Shape(conts.length, length))) {
                input = borrowed.duplicate();
            }
            // logits at position p predict token p + 1: the continuation's predictors start at the last context token
            NDArray logProbs = model.forward(input, false)
                    .get(new NDIndex(":, {}:{}, :", contextKeep, contextKeep + longest)).logSoftmax(-1);
            float[] values = logProbs.toFloatArray();
            int vocab = (int) logProbs.getShape().get(2);
            for (int b = 0; b < conts.length; b++) {
                double sum = 0;
                for (int i = 0; i < conts[b].length; i++) {
                    sum += values[(b * longest + i) * vocab + conts[b][i]];
                }
                out[b] = sum;
            }
        }
        return out;
    }

    private int[] encode(String text) {
        return model.tokenizer().encode(text);
    }

    private int bos() {
        return model.tokenizer().bosId();
    }

    private int maxLength() {
        return model.config().maxPositionEmbeddings();
    }

    @Override
    public void close() {
        model.close();
    }
}
