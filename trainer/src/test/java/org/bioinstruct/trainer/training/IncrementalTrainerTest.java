package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.model.BaseModel;
import org.bioinstruct.trainer.model.BaseModels;
import org.bioinstruct.trainer.model.FloatTensor;
import org.bioinstruct.trainer.model.LoraAdapter;
import org.bioinstruct.trainer.model.LoraSpec;
import org.bioinstruct.trainer.model.SafeTensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalTrainerTest {
    private static final TrainingOptions FAST = new TrainingOptions(3e-3, 2, 2);

    @TempDir
    static Path shared;
    static BaseModel base;

    @TempDir
    Path dir;

    @BeforeAll
    static void createBase() throws IOException {
        base = BaseModels.createOrLoad(shared.resolve("base"), 7);
    }

    private IncrementalTrainer trainer(AdapterStore store) throws IOException {
        return new IncrementalTrainer(base, LoraSpec.defaults(), FAST, store, "run-1", 7);
    }

    @Test
    void writesPeftAdapterWithLineage() throws IOException {
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        AdapterVersion v1;
        try (IncrementalTrainer trainer = trainer(store)) {
            v1 = trainer.train("train-000001", LoraTrainerTest.MEMORIZE, s -> { });
        }

        assertEquals(dir.resolve("adapters/v000001"), v1.dir());
        Map<String, FloatTensor> weights = SafeTensors.read(v1.dir().resolve("adapter_model.safetensors"));
        assertEquals(8, weights.size(), "2 layers x {q_proj, v_proj} x {A, B}");
        assertArrayEquals(new long[] {8, 64},
                weights.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape());
        assertArrayEquals(new long[] {64, 8},
                weights.get("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight").shape());

        JsonNode config = new ObjectMapper().readTree(v1.dir().resolve("adapter_config.json").toFile());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals("CAUSAL_LM", config.get("task_type").asText());
        assertEquals(8, config.get("r").asInt());
        assertEquals(16, config.get("lora_alpha").asInt());
        assertEquals(0.0, config.get("lora_dropout").asDouble());
        assertEquals("[\"q_proj\",\"v_proj\"]", config.get("target_modules").toString());
        assertEquals(base.name(), config.get("base_model_name_or_path").asText());

        JsonNode lineage = new ObjectMapper().readTree(v1.dir().resolve("lineage.json").toFile());
        assertEquals(1, lineage.get("version").asInt());
        assertTrue(lineage.get("parent").isNull());
        assertEquals("[\"train-000001\"]", lineage.get("shardIds").toString());
    }

    @Test
    void eachVersionStartsFromItsParentAndExtendsTheLineage() throws IOException {
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        try (IncrementalTrainer trainer = trainer(store)) {
            AdapterVersion v1 = trainer.train("s1", LoraTrainerTest.MEMORIZE, s -> { });
            AdapterVersion v2 = trainer.train("s2", LoraTrainerTest.MEMORIZE.subList(0, 2), s -> { });

            assertEquals(2, v2.version());
            assertEquals(1, v2.lineage().parent());
            assertEquals(List.of("s2"), v2.lineage().newShardIds());
            assertEquals(List.of("s1", "s2"), v2.lineage().shardIds());
            assertNull(v1.lineage().parent());
        }
        try (var files = Files.list(store.root())) {
            assertEquals(List.of("v000001", "v000002"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary directories left");
        }
    }

    @Test
    void restartResumesFromNewestVersionAndNeverTrainsAShardTwice() throws IOException {
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        LoraAdapter trained;
        try (IncrementalTrainer first = trainer(store)) {
            first.train("s1", LoraTrainerTest.MEMORIZE, s -> { });
            first.train("s2", LoraTrainerTest.MEMORIZE, s -> { });
            trained = store.adapter(first.current().orElseThrow());
        }

        try (IncrementalTrainer restarted = trainer(store)) {
            assertEquals(2, restarted.current().orElseThrow().version());
            assertEquals(3, restarted.nextVersion());
            assertEquals(IncrementalTrainer.Decision.ALREADY_TRAINED, restarted.decide("s1"));
            assertEquals(IncrementalTrainer.Decision.REPUBLISH, restarted.decide("s2"));
            assertEquals(IncrementalTrainer.Decision.TRAIN, restarted.decide("s3"));

            AdapterVersion v3 = restarted.train("s3", LoraTrainerTest.MEMORIZE, s -> { });
            assertEquals(List.of("s1", "s2", "s3"), v3.lineage().shardIds());
        }
        assertEquals(trained, store.adapter(store.read(store.root().resolve("v000002"))), "old versions untouched");
    }

    @Test
    void reportsMetricsForEveryStep() throws IOException {
        try (IncrementalTrainer trainer = trainer(new AdapterStore(dir.resolve("adapters")))) {
            List<StepMetrics> steps = new java.util.ArrayList<>();
            AdapterVersion v1 = trainer.train("s1", LoraTrainerTest.MEMORIZE, steps::add);

            assertEquals(List.of(1, 2), steps.stream().map(StepMetrics::step).toList());
            assertEquals(4, v1.lineage().examples());
            assertTrue(v1.lineage().tokens() > 0 && v1.lineage().loss() > 0);
        }
    }
}
