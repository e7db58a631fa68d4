package org.bioinstruct.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bioinstruct.model.llama.LlamaConfig;
import org.bioinstruct.model.llama.LlamaWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseModelsTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedGivesIdenticalFiles() throws IOException {
        BaseModels.createOrLoad(dir.resolve("a"), 7);
        BaseModels.createOrLoad(dir.resolve("b"), 7);

        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")),
                Files.readAllBytes(dir.resolve("b/model.safetensors")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/config.json")), Files.readAllBytes(dir.resolve("b/config.json")));
    }

    @Test
    void differentSeedGivesDifferentWeights() throws IOException {
        BaseModel a = BaseModels.createOrLoad(dir.resolve("a"), 7);
        BaseModel b = BaseModels.createOrLoad(dir.resolve("b"), 8);

        assertFalse(a.weights().equals(b.weights()));
    }

    @Test
    void loadsAnExistingModelInsteadOfRecreatingIt() throws IOException {
        Path model = dir.resolve("base");
        BaseModel created = BaseModels.createOrLoad(model, 7);
        BaseModel loaded = BaseModels.createOrLoad(model, 99);

        assertEquals(created.weights(), loaded.weights());
    }

    @Test
    void racingCreatorsEndWithOneCompleteModel() throws Exception {
        Path model = dir.resolve("base");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<BaseModel> create = () -> BaseModels.createOrLoad(model, 7);
            List<Future<BaseModel>> results = pool.invokeAll(List.of(create, create));
            assertEquals(results.get(0).get().weights(), results.get(1).get().weights());
        } finally {
            pool.shutdown();
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList(), "no temporary directories left behind");
        }
    }

    @Test
    void writesTheHuggingFaceLayout() throws IOException {
        BaseModel model = BaseModels.createOrLoad(dir.resolve("base"), 7);
        Path base = dir.resolve("base");
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json")) {
            assertTrue(Files.isRegularFile(base.resolve(file)), file);
        }
        JsonNode config = new ObjectMapper().readTree(base.resolve("config.json").toFile());
        JsonNode generation = new ObjectMapper().readTree(base.resolve("generation_config.json").toFile());

        assertEquals("LlamaForCausalLM", config.get("architectures").get(0).asText());
        assertEquals(64, config.get("hidden_size").asInt());
        assertEquals(2, config.get("num_hidden_layers").asInt());
        assertEquals(4, config.get("num_attention_heads").asInt());
        assertEquals(2, config.get("num_key_value_heads").asInt());
        assertEquals(BaseModels.TINY_VOCAB_SIZE, config.get("vocab_size").asInt());
        assertEquals(1, generation.get("bos_token_id").asInt());
        assertEquals(2, generation.get("eos_token_id").asInt());
        assertEquals(LlamaConfig.parse(config), model.config());
        assertArrayEquals(new long[] {64, 64}, model.weights().get("model.layers.0.self_attn.q_proj.weight").shape());
        assertArrayEquals(new long[] {32, 64}, model.weights().get("model.layers.0.self_attn.k_proj.weight").shape());
        assertArrayEquals(new long[] {172, 64}, model.weights().get("model.layers.1.mlp.gate_proj.weight").shape());
        assertArrayEquals(new long[] {BaseModels.TINY_VOCAB_SIZE, 64}, model.weights().get("lm_head.weight").shape());
        assertEquals(LlamaWeights.shapes(model.config()).keySet(), model.weights().keySet());
    }
}
