package org.bioinstruct.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bioinstruct.model.io.SafeTensors.DType;
import org.bioinstruct.model.llama.ReferenceLogitsTest;
import org.bioinstruct.model.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void shardedCheckpointLoadsEveryTensorFromItsShard() throws IOException {
        Map<String, FloatTensor> tensors = tensors();
        HfCheckpoint.writeSharded(dir, tensors, DType.F32, 1500);

        JsonNode index = new ObjectMapper().readTree(dir.resolve(HfCheckpoint.INDEX_FILE).toFile());
        Set<String> shards = new HashSet<>();
        index.get("weight_map").forEach(file -> shards.add(file.asText()));
        assertTrue(shards.size() >= 3, "several shards: " + shards);
        assertFalse(Files.exists(dir.resolve(HfCheckpoint.SINGLE_FILE)));
        assertEquals(tensors, HfCheckpoint.read(dir));
    }

    @Test
    void singleFileCheckpointLoadsWithoutAnIndex() throws IOException {
        HfCheckpoint.write(dir, tensors(), DType.F32);

        assertEquals(tensors(), HfCheckpoint.read(dir));
    }

    @Test
    void readsTheShardedF16CheckpointWrittenByPython() throws Exception {
        Path fixture = ReferenceLogitsTest.fixtureDir("llama-gqa-tied-f16-sharded");
        Map<String, FloatTensor> weights = HfCheckpoint.read(fixture);

        assertTrue(weights.containsKey("model.layers.1.mlp.down_proj.weight"));
        assertFalse(weights.containsKey("lm_head.weight"), "tied: no lm_head stored");
        assertEquals(2, Files.list(fixture).filter(p -> p.toString().endsWith(".safetensors")).count());
    }

    @Test
    void indexNamingAMissingTensorFails() throws IOException {
        HfCheckpoint.writeSharded(dir, tensors(), DType.F32, 1500);
        Path index = dir.resolve(HfCheckpoint.INDEX_FILE);
        String text = Files.readString(index).replace("\"weight_map\" : {", "\"weight_map\" : {\n \"ghost.weight\" : \"model-00001-of-00003.safetensors\",");
        Files.writeString(index, text);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfCheckpoint.read(dir));
        assertTrue(e.getMessage().contains("ghost.weight"), e.getMessage());
    }

    private static Map<String, FloatTensor> tensors() {
        SplittableRandom random = new SplittableRandom(9);
        Map<String, FloatTensor> tensors = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            tensors.put("layer" + i + ".weight", FloatTensor.normal(random, 1.0, 10, 12));
        }
        return tensors;
    }
}
