package org.bioinstruct.trainer.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Shape of a LLaMA-architecture causal language model, stored as {@code config.json} with the keys
 * Hugging Face uses, so a real LLaMA config can later be read the same way.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TinyModelConfig(
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("rms_norm_eps") double rmsNormEps,
        @JsonProperty("rope_theta") double ropeTheta,
        @JsonProperty("model_type") String modelType) {

    public static final String FILE_NAME = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TinyModelConfig {
        if (hiddenSize <= 0 || numHiddenLayers <= 0 || numAttentionHeads <= 0 || intermediateSize <= 0
                || vocabSize <= 0 || maxPositionEmbeddings <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive");
        }
        if (hiddenSize % numAttentionHeads != 0 || (hiddenSize / numAttentionHeads) % 2 != 0) {
            throw new IllegalArgumentException("hidden_size must split into heads of even size");
        }
    }

    /** The tiny default: hidden 64, 2 layers, 4 heads, byte vocabulary, 256 positions. */
    public static TinyModelConfig tiny() {
        return new TinyModelConfig(64, 2, 4, 172, ByteTokenizer.VOCAB_SIZE, 256, 1e-6, 10_000.0, "llama");
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    public void save(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static TinyModelConfig load(Path file) throws IOException {
        return JSON.readValue(file.toFile(), TinyModelConfig.class);
    }
}
