package org.bioinstruct.model.tokenizer;

/**
 * Text to token ids and back, as a model's tokenizer does it; what training, generation and evaluation use.
 * Ids are never truncated: a text of any length encodes whole.
 */
public interface TextTokenizer extends AutoCloseable {
    /** Token ids of the text alone, without special tokens. */
    int[] encode(String text);

    /** Token ids with the special tokens the tokenizer's post-processor adds (for LLaMA: BOS first). */
    int[] encodeWithSpecialTokens(String text);

    /** The text of the ids, special tokens left out. */
    String decode(int[] ids);

    int bosId();

    int eosId();

    /** The padding id: the model's pad_token_id, or its EOS id when it has none (LLaMA has none). */
    int padId();

    int vocabSize();

    /**
     * Context and continuation ids as the tokenizer splits their concatenation: the ids of
     * {@code context + continuation}, cut where they stop agreeing with the context's own ids. For subword
     * vocabularies this is how a continuation's likelihood is scored (as lm-evaluation-harness does); encoding
     * the continuation alone would tokenize it as if it started a text.
     */
    default Split split(String context, String continuation) {
        int[] alone = encode(context);
        int[] whole = encode(context + continuation);
        int common = 0;
        while (common < alone.length && common < whole.length && alone[common] == whole[common]) {
            common++;
        }
        return new Split(java.util.Arrays.copyOf(whole, common), java.util.Arrays.copyOfRange(whole, common, whole.length));
    }

    @Override
    void close();

    /** Ids of a context and of the continuation that follows it. */
    record Split(int[] context, int[] continuation) {
    }
}
