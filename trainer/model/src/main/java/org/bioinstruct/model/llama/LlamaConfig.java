package org.bioinstruct.model.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bioinstruct.schemas.config.InvalidConfigException;

/**
 * The shape of a LLaMA-architecture causal language model as Hugging Face's {@code config.json} describes it
 * ({@code LlamaForCausalLM}). Unknown keys are ignored; a known key with an invalid value fails naming the key.
 * All computation runs in float32 whatever {@code torch_dtype} says; the dtype only records how the checkpoint
 * was stored.
 */
public record LlamaConfig(
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        int vocabSize,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        int bosTokenId,
        List<Integer> eosTokenIds,
        Integer padTokenId,
        String torchDtype) {

    public static final String FILE_NAME = "config.json";
    public static final int TINY_HIDDEN_SIZE = 64;
    public static final int TINY_LAYERS = 2;
    private static final int TINY_HEAD_DIM = 16;
    public static final List<String> DTYPES = List.of("float32", "float16", "bfloat16");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LlamaConfig {
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("vocab_size", vocabSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new InvalidConfigException("num_key_value_heads", numKeyValueHeads,
                    "must divide num_attention_heads (" + numAttentionHeads + ")");
        }
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new InvalidConfigException("head_dim", headDim, "must be positive and even (rotary embeddings)");
        }
        if (!(rmsNormEps > 0)) {
            throw new InvalidConfigException("rms_norm_eps", rmsNormEps, "must be positive");
        }
        if (!(ropeTheta > 0)) {
            throw new InvalidConfigException("rope_theta", ropeTheta, "must be positive");
        }
        ropeScaling = ropeScaling == null ? RopeScaling.NONE : ropeScaling;
        tokenId("bos_token_id", bosTokenId, vocabSize);
        eosTokenIds = List.copyOf(eosTokenIds);
        if (eosTokenIds.isEmpty()) {
            throw new InvalidConfigException("eos_token_id", eosTokenIds, "needs at least one id");
        }
        eosTokenIds.forEach(id -> tokenId("eos_token_id", id, vocabSize));
        if (padTokenId != null) {
            tokenId("pad_token_id", padTokenId, vocabSize);
        }
        if (!DTYPES.contains(torchDtype)) {
            throw new InvalidConfigException("torch_dtype", torchDtype, "must be one of " + DTYPES);
        }
    }

    /** The project's tiny model: hidden 64, 2 layers, 4 query heads sharing 2 key/value heads, 256 positions. */
    public static LlamaConfig tiny(int vocabSize, int bosTokenId, int eosTokenId) {
        return tiny(TINY_HIDDEN_SIZE, TINY_LAYERS, vocabSize, bosTokenId, eosTokenId);
    }

    /**
     * A tiny model of the given width and depth, shaped as {@link #tiny(int, int, int)}: heads of 16 dimensions,
     * half as many key/value heads as query heads, an MLP about 8/3 as wide as the hidden size (a multiple of 4).
     */
    public static LlamaConfig tiny(int hiddenSize, int layers, int vocabSize, int bosTokenId, int eosTokenId) {
        if (hiddenSize <= 0 || hiddenSize % (2 * TINY_HEAD_DIM) != 0) {
            throw new InvalidConfigException("hidden_size", hiddenSize, "must be a positive multiple of " + 2 * TINY_HEAD_DIM);
        }
        positive("num_hidden_layers", layers);
        int heads = hiddenSize / TINY_HEAD_DIM;
        int intermediate = (hiddenSize * 8 / 3 + 3) / 4 * 4;
        return new LlamaConfig(hiddenSize, intermediate, layers, heads, heads / 2, TINY_HEAD_DIM, 1e-6, 10_000.0,
                RopeScaling.NONE, vocabSize, 256, false, bosTokenId, List.of(eosTokenId), null, "float32");
    }

    public int numKeyValueGroups() {
        return numAttentionHeads / numKeyValueHeads;
    }

    /** Output width of q_proj (input width of o_proj). */
    public int queryWidth() {
        return numAttentionHeads * headDim;
    }

    /** Output width of k_proj and v_proj. */
    public int keyValueWidth() {
        return numKeyValueHeads * headDim;
    }

    /** The first end-of-sequence id; generation stops at any of {@link #eosTokenIds()}. */
    public int eosTokenId() {
        return eosTokenIds.get(0);
    }

    public static LlamaConfig load(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException(FILE_NAME, file, "not a JSON object");
        }
        return parse(root);
    }

    public static LlamaConfig parse(JsonNode root) {
        ConfigReader in = new ConfigReader(root);
        String modelType = in.string("model_type", "llama");
        if (!modelType.equals("llama")) {
            throw new InvalidConfigException("model_type", modelType, "only llama is supported");
        }
        in.requireValue("hidden_act", "silu");
        in.requireFlagOff("attention_bias");
        in.requireFlagOff("mlp_bias");
        int hidden = in.requiredInt("hidden_size");
        int heads = in.requiredInt("num_attention_heads");
        if (!root.hasNonNull("head_dim") && hidden > 0 && heads > 0 && hidden % heads != 0) {
            throw new InvalidConfigException("num_attention_heads", heads, "must divide hidden_size when head_dim is not set");
        }
        int headDim = in.integer("head_dim", heads > 0 ? hidden / heads : 0);
        String dtype = root.hasNonNull("torch_dtype") ? in.string("torch_dtype", "float32") : in.string("dtype", "float32");
        return new LlamaConfig(hidden, in.requiredInt("intermediate_size"), in.requiredInt("num_hidden_layers"), heads,
                in.integer("num_key_value_heads", heads), headDim, in.number("rms_norm_eps", 1e-6),
                in.number("rope_theta", 10_000.0), RopeScaling.parse(root.get("rope_scaling")),
                in.requiredInt("vocab_size"), in.integer("max_position_embeddings", 2048),
                in.bool("tie_word_embeddings", false), in.integer("bos_token_id", 1), in.intList("eos_token_id", 2),
                in.optionalInt("pad_token_id"), dtype);
    }

    public void save(Path file) throws IOException {
        JSON.writeValue(file.toFile(), toJson());
    }

    /** The Hugging Face {@code config.json} fields, as transformers writes them for LlamaForCausalLM. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("architectures", List.of("LlamaForCausalLM"));
        out.put("model_type", "llama");
        out.put("hidden_act", "silu");
        out.put("hidden_size", hiddenSize);
        out.put("intermediate_size", intermediateSize);
        out.put("num_hidden_layers", numHiddenLayers);
        out.put("num_attention_heads", numAttentionHeads);
        out.put("num_key_value_heads", numKeyValueHeads);
        out.put("head_dim", headDim);
        out.put("rms_norm_eps", rmsNormEps);
        out.put("rope_theta", ropeTheta);
        out.put("rope_scaling", ropeScaling.toJson());
        out.put("vocab_size", vocabSize);
        out.put("max_position_embeddings", maxPositionEmbeddings);
        out.put("tie_word_embeddings", tieWordEmbeddings);
        out.put("attention_bias", false);
        out.put("mlp_bias", false);
        out.put("bos_token_id", bosTokenId);
        out.put("eos_token_id", eosTokenIds.size() == 1 ? eosTokenIds.get(0) : eosTokenIds);
        out.put("pad_token_id", padTokenId);
        out.put("torch_dtype", torchDtype);
        return out;
    }

    public LlamaConfig withTiedEmbeddings(boolean tied) {
        return new LlamaConfig(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, numKeyValueHeads,
                headDim, rmsNormEps, ropeTheta, ropeScaling, vocabSize, maxPositionEmbeddings, tied, bosTokenId,
                eosTokenIds, padTokenId, torchDtype);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new InvalidConfigException(key, value, "must be positive");
        }
    }

    private static void tokenId(String key, int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new InvalidConfigException(key, id, "must be a token id below vocab_size (" + vocabSize + ")");
        }
    }

    /**
     * Rotary frequency scaling ({@code rope_scaling}): none, {@code linear} (positions divided by the factor) or
     * {@code llama3} (LLaMA 3.1's wavelength-dependent scaling).
     */
    public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                              int originalMaxPositionEmbeddings) {
        public static final RopeScaling NONE = new RopeScaling("default", 1, 0, 0, 0);

        public RopeScaling {
            Objects.requireNonNull(type);
            if (!type.equals("default") && !(factor > 0)) {
                throw new InvalidConfigException("rope_scaling.factor", factor, "must be positive");
            }
        }

        static RopeScaling parse(JsonNode node) {
            if (node == null || node.isNull()) {
                return NONE;
            }
            if (!node.isObject()) {
                throw new InvalidConfigException("rope_scaling", node, "must be an object or null");
            }
            ConfigReader in = new ConfigReader(node, "rope_scaling.");
            String type = node.hasNonNull("rope_type") ? in.string("rope_type", "default") : in.string("type", "default");
            return switch (type) {
                case "default" -> NONE;
                case "linear" -> new RopeScaling(type, in.number("factor", 0), 0, 0, 0);
                case "llama3" -> {
                    RopeScaling s = new RopeScaling(type, in.number("factor", 0), in.number("low_freq_factor", 1),
                            in.number("high_freq_factor", 4), in.integer("original_max_position_embeddings", 8192));
                    if (!(s.highFreqFactor > s.lowFreqFactor) || s.originalMaxPositionEmbeddings <= 0) {
                        throw new InvalidConfigException("rope_scaling.high_freq_factor", s.highFreqFactor,
                                "must exceed low_freq_factor, with original_max_position_embeddings positive");
                    }
                    yield s;
                }
                default -> throw new InvalidConfigException("rope_scaling.rope_type", type,
                        "supported: default, linear, llama3");
            };
        }

        Map<String, Object> toJson() {
            if (type.equals("default")) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rope_type", type);
            out.put("factor", factor);
            if (type.equals("llama3")) {
                out.put("low_freq_factor", lowFreqFactor);
                out.put("high_freq_factor", highFreqFactor);
                out.put("original_max_position_embeddings", originalMaxPositionEmbeddings);
            }
            return out;
        }

        /**
         * Inverse frequencies for a head dimension, scaled as transformers' rope initialisation functions do, in
         * float32 like them.
         */
        float[] inverseFrequencies(int headDim, double theta) {
            float[] inv = new float[headDim / 2];
            for (int i = 0; i < inv.length; i++) {
                float exponent = (float) (2 * i) / headDim;
                inv[i] = (float) (1.0 / Math.pow(theta, exponent));
                inv[i] = scale(inv[i]);
            }
            return inv;
        }

        private float scale(float inv) {
            switch (type) {
                case "linear":
                    return (float) (inv / factor);
                case "llama3":
                    double lowWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
                    double highWavelen = originalMaxPositionEmbeddings / highFreqFactor;
                    double wavelen = 2 * Math.PI / inv;
                    if (wavelen < highWavelen) {
                        return inv;
                    }
                    if (wavelen > lowWavelen) {
                        return (float) (inv / factor);
                    }
                    double smooth = (originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
                            / (highFreqFactor - lowFreqFactor);
                    return (float) ((1 - smooth) * inv / factor + smooth * inv);
                default:
                    return inv;
            }
        }
    }
}
