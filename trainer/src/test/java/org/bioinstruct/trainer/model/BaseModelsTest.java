package org.bioinstruct.trainer.model;

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
    void writesHuggingFaceStyleConfigAndTensorNames() throws IOException {
        BaseModel model = BaseModels.createOrLoad(dir.resolve("base"), 7);
        JsonNode config = new ObjectMapper().readTree(dir.resolve("base/config.json").toFile());

        assertEquals(64, config.get("hidden_size").asInt());
        assertEquals(2, config.get("num_hidden_layers").asInt());
        assertEquals(4, config.get("num_attention_heads").asInt());
        assertEquals(256, config.get("max_position_embeddings").asInt());
        assertEquals(ByteTokenizer.VOCAB_SIZE, config.get("vocab_size").asInt());
        assertTrue(config.has("intermediate_size") && config.has("rms_norm_eps"));
        assertArrayEquals(new long[] {64, 64}, model.weights().get("model.layers.0.self_attn.q_proj.weight").shape());
        assertArrayEquals(new long[] {172, 64}, model.weights().get("model.layers.1.mlp.gate_proj.weight").shape());
        assertArrayEquals(new long[] {ByteTokenizer.VOCAB_SIZE, 64}, model.weights().get("lm_head.weight").shape());
        assertTrue(model.weights().containsKey("model.norm.weight"));
    }
}
