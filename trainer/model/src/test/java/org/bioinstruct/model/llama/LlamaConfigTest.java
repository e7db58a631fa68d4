package org.bioinstruct.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Meta-Llama-3.1-8B's config.json as published, plus a key this code does not know. */
    private static final String LLAMA_31_8B = """
            {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
             "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009], "hidden_act": "silu",
             "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 14336,
             "max_position_embeddings": 131072, "mlp_bias": false, "model_type": "llama",
             "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 8, "pretraining_tp": 1,
             "rms_norm_eps": 1e-05, "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
             "original_max_position_embeddings": 8192, "rope_type": "llama3"}, "rope_theta": 500000.0,
             "tie_word_embeddings": false, "torch_dtype": "bfloat16", "transformers_version": "4.43.0.dev0",
             "use_cache": true, "vocab_size": 128256, "some_future_key": {"nested": 1}}
            """;

    @Test
    void tinyShapesKeepHeadsOf16AndTwoQueryHeadsPerKeyValueHead() {
        LlamaConfig standard = LlamaConfig.tiny(1024, 1, 2);
        assertEquals(List.of(64, 172, 2, 4, 2, 16), List.of(standard.hiddenSize(), standard.intermediateSize(),
                standard.numHiddenLayers(), standard.numAttentionHeads(), standard.numKeyValueHeads(), standard.headDim()));
        LlamaConfig wider = LlamaConfig.tiny(128, 4, 1024, 1, 2);
        assertEquals(List.of(128, 344, 4, 8, 4, 16), List.of(wider.hiddenSize(), wider.intermediateSize(),
                wider.numHiddenLayers(), wider.numAttentionHeads(), wider.numKeyValueHeads(), wider.headDim()));
        assertEquals("hidden_size", assertThrows(InvalidConfigException.class,
                () -> LlamaConfig.tiny(80, 2, 1024, 1, 2)).key());
    }

    @Test
    void readsARealLlamaConfigIgnoringUnknownKeys() throws IOException {
        LlamaConfig config = LlamaConfig.parse(JSON.readTree(LLAMA_31_8B));

        assertEquals(4096, config.hiddenSize());
        assertEquals(14336, config.intermediateSize());
        assertEquals(32, config.numHiddenLayers());
        assertEquals(32, config.numAttentionHeads());
        assertEquals(8, config.numKeyValueHeads());
        assertEquals(4, config.numKeyValueGroups());
        assertEquals(128, config.headDim(), "head_dim defaults to hidden_size / num_attention_heads");
        assertEquals(1024, config.keyValueWidth());
        assertEquals(1e-5, config.rmsNormEps());
        assertEquals(500000.0, config.ropeTheta());
        assertEquals("llama3", config.ropeScaling().type());
        assertEquals(8192, config.ropeScaling().originalMaxPositionEmbeddings());
        assertEquals(128256, config.vocabSize());
        assertEquals(131072, config.maxPositionEmbeddings());
        assertFalse(config.tieWordEmbeddings());
        assertEquals(128000, config.bosTokenId());
        assertEquals(List.of(128001, 128008, 128009), config.eosTokenIds());
        assertNull(config.padTokenId());
        assertEquals("bfloat16", config.torchDtype());
    }

    @Test
    void appliesHuggingFaceDefaultsForOptionalKeys() throws IOException {
        LlamaConfig config = LlamaConfig.parse(JSON.readTree("""
                {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 1, "num_attention_heads": 4,
                 "vocab_size": 100}"""));

        assertEquals(4, config.numKeyValueHeads(), "no GQA unless num_key_value_heads says so");
        assertEquals(16, config.headDim());
        assertEquals(1e-6, config.rmsNormEps());
        assertEquals(10000.0, config.ropeTheta());
        assertEquals("default", config.ropeScaling().type());
        assertEquals(2048, config.maxPositionEmbeddings());
        assertFalse(config.tieWordEmbeddings());
        assertEquals(1, config.bosTokenId());
        assertEquals(2, config.eosTokenId());
        assertEquals("float32", config.torchDtype());
    }

    @Test
    void explicitHeadDimMayDifferFromHiddenOverHeads() throws IOException {
        LlamaConfig config = LlamaConfig.parse(JSON.readTree("""
                {"hidden_size": 48, "intermediate_size": 96, "num_hidden_layers": 1, "num_attention_heads": 4,
                 "num_key_value_heads": 2, "head_dim": 16, "vocab_size": 50}"""));

        assertEquals(64, config.queryWidth());
        assertEquals(32, config.keyValueWidth());
    }

    @Test
    void savedConfigLoadsBackEqual(@TempDir Path dir) throws IOException {
        LlamaConfig original = LlamaConfig.parse(JSON.readTree(LLAMA_31_8B)).withTiedEmbeddings(true);
        original.save(dir.resolve("config.json"));

        assertEquals(original, LlamaConfig.load(dir.resolve("config.json")));
    }

    @Test
    void invalidValuesFailNamingTheKey() throws IOException {
        assertInvalid("hidden_size", c -> c.put("hidden_size", "4096"));
        assertInvalid("hidden_size", c -> c.put("hidden_size", -1));
        assertInvalid("vocab_size", c -> c.remove("vocab_size"));
        assertInvalid("num_key_value_heads", c -> c.put("num_key_value_heads", 5));
        assertInvalid("rms_norm_eps", c -> c.put("rms_norm_eps", 0));
        assertInvalid("rope_theta", c -> c.put("rope_theta", "big"));
        assertInvalid("tie_word_embeddings", c -> c.put("tie_word_embeddings", "yes"));
        assertInvalid("torch_dtype", c -> c.put("torch_dtype", "int8"));
        assertInvalid("hidden_act", c -> c.put("hidden_act", "gelu"));
        assertInvalid("attention_bias", c -> c.put("attention_bias", true));
        assertInvalid("model_type", c -> c.put("model_type", "gpt2"));
        assertInvalid("eos_token_id", c -> c.put("eos_token_id", 200000));
        assertInvalid("rope_scaling.rope_type", c -> ((ObjectNode) c.get("rope_scaling")).put("rope_type", "yarn"));
        assertInvalid("rope_scaling.factor", c -> ((ObjectNode) c.get("rope_scaling")).put("factor", -2));
        assertInvalid("head_dim", c -> c.put("head_dim", 7));
    }

    private static void assertInvalid(String key, java.util.function.Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(LLAMA_31_8B);
        breakIt.accept(config);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> LlamaConfig.parse(config));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }
}
