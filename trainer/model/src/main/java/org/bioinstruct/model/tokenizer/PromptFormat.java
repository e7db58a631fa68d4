package org.bioinstruct.model.tokenizer;

import org.bioinstruct.schemas.shards.Example;

/** The Alpaca-style prompt used for training and generation alike. */
public final class PromptFormat {
    private PromptFormat() {
    }

    /** The prompt up to and including the response header; the Input section is omitted when empty. */
    public static String prompt(String instruction, String input) {
        StringBuilder prompt = new StringBuilder("### Instruction:\n").append(instruction).append("\n\n");
        if (input != null && !input.isBlank()) {
            prompt.append("### Input:\n").append(input).append("\n\n");
        }
        return prompt.append("### Response:\n").toString();
    }

    public static String prompt(Example example) {
        return prompt(example.instruction(), example.input());
    }

    /**
     * {@code BOS prompt response EOS} as tokens, at most {@code maxLength + 1} long (inputs and shifted targets
     * each {@code maxLength}). A long prompt loses its beginning (the response header at its end stays), then a
     * long response loses its end.
     */
    public static TokenSequence encode(Example example, TextTokenizer tokenizer, int maxLength) {
        int[] prompt = tokenizer.encode(prompt(example));
        int[] response = tokenizer.encode(example.output());
        int limit = maxLength + 1;
        int responseLength = response.length + 1;
        int promptKeep = Math.min(prompt.length, Math.max(limit - 1 - responseLength, limit / 2 - 1));
        int responseKeep = Math.min(responseLength, limit - 1 - promptKeep);
        int[] tokens = new int[1 + promptKeep + responseKeep];
        tokens[0] = tokenizer.bosId();
        System.arraycopy(prompt, prompt.length - promptKeep, tokens, 1, promptKeep);
        for (int i = 0; i < responseKeep; i++) {
            tokens[1 + promptKeep + i] = i < response.length ? response[i] : tokenizer.eosId();
        }
        return new TokenSequence(tokens, 1 + promptKeep);
    }

    /** Tokens and where the response starts; loss is taken on tokens at index >= responseStart. */
    public record TokenSequence(int[] tokens, int responseStart) {
    }
}
