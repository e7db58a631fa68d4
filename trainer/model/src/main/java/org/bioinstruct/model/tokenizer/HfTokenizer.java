package org.bioinstruct.model.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.model.llama.LlamaConfig;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's binding of the Rust tokenizers library, with truncation
 * and padding off (DJL's default truncates at 512 tokens). Special ids come from the model's config.json, as
 * transformers takes them from there for generation.
 */
public final class HfTokenizer implements TextTokenizer {
    public static final String FILE_NAME = "tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final int bosId;
    private final int eosId;
    private final int padId;
    private final int vocabSize;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, LlamaConfig config) {
        this.tokenizer = tokenizer;
        this.bosId = config.bosTokenId();
        this.eosId = config.eosTokenId();
        this.padId = config.padTokenId() != null ? config.padTokenId() : config.eosTokenId();
        this.vocabSize = config.vocabSize();
    }

    /** Loads {@code tokenizer.json} from a model directory (or the file itself). */
    public static HfTokenizer load(Path dirOrFile, LlamaConfig config) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no tokenizer at " + file);
        }
        HuggingFaceTokenizer tokenizer;
        try (var in = Files.newInputStream(file)) {
            // from a stream, so DJL does not look for a tokenizer_config.json that would override these options
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                    "truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        }
        return new HfTokenizer(tokenizer, config);
    }

    @Override
    public int[] encode(String text) {
        return toInts(tokenizer.encode(text, false, false).getIds());
    }

    @Override
    public int[] encodeWithSpecialTokens(String text) {
        return toInts(tokenizer.encode(text, true, false).getIds());
    }

    @Override
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, true);
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
