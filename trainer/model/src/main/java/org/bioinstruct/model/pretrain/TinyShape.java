package org.bioinstruct.model.pretrain;

import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.llama.LlamaConfig;
import org.bioinstruct.model.tokenizer.BpeTrainer;

/** Width and depth of the project's tiny model; the rest of its shape follows from them. */
public record TinyShape(int hiddenSize, int layers) {
    /** Heads have 16 dimensions and there are half as many key/value heads as query heads. */
    public static final int HIDDEN_SIZE_STEP = 32;
    public static final TinyShape DEFAULT = new TinyShape(LlamaConfig.TINY_HIDDEN_SIZE, LlamaConfig.TINY_LAYERS);

    public TinyShape {
        LlamaConfig.tiny(hiddenSize, layers, BaseModels.TINY_VOCAB_SIZE, BpeTrainer.BOS_ID, BpeTrainer.EOS_ID);
    }

    /** The model's config for a tokenizer's vocabulary and special ids. */
    public LlamaConfig config(int vocabSize, int bosTokenId, int eosTokenId) {
        return LlamaConfig.tiny(hiddenSize, layers, vocabSize, bosTokenId, eosTokenId);
    }
}
