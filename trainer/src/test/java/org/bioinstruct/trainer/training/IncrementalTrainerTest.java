package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.io.SafeTensors;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.adapters.OptimizerState;
import org.bioinstruct.trainer.adapters.ShardRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalTrainerTest {
    private static final TrainingOptions FAST = new TrainingOptions(
            new LearningRateSchedule(LearningRateSchedule.Decay.COSINE, 3e-3, 0.25, 0.1), 2, 2, 1, 1.0,
            AdamW.Hyper.defaults(), 256, 0);

    @TempDir
    static Path shared;
    static BaseModel base;

    @TempDir
    Path dir;

    @BeforeAll
    static void createBase() throws IOException {
        base = BaseModels.createOrLoad(shared.resolve("base"), 7);
    }

    private IncrementalTrainer trainer(AdapterStore store, TrainingOptions options) throws IOException {
        return trainer(store, options, LoraSpec.defaults());
    }

    private IncrementalTrainer trainer(AdapterStore store, TrainingOptions options, LoraSpec lora) throws IOException {
        return new IncrementalTrainer(base, lora, options, store, "run-1", 7);
    }

    private ShardRef shard(String id, List<Example> examples) {
        return TestShards.write(dir.resolve("shards"), id, examples);
    }

    @Test
    void writesPeftAdapterWithOptimizerStateAndLineage() throws IOException {
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        AdapterVersion v1;
        try (IncrementalTrainer trainer = trainer(store, FAST)) {
            v1 = trainer.train(shard("train-000001", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, s -> { });
        }

        assertEquals(dir.resolve("adapters/v000001"), v1.dir());
        Map<String, FloatTensor> weights = SafeTensors.read(v1.dir().resolve("adapter_model.safetensors"));
        assertEquals(8, weights.size(), "2 layers x {q_proj, v_proj} x {A, B}");
        int hidden = base.config().hiddenSize();
        for (String key : weights.keySet()) {
            assertTrue(key.matches("base_model\\.model\\.model\\.layers\\.[01]\\.self_attn\\.[qv]_proj\\.lora_[AB]\\.weight"), key);
        }
        assertArrayEquals(new long[] {8, hidden},
                weights.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape());
        FloatTensor b = weights.get("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight");
        assertEquals(8, b.shape()[1], "B is [out, r]");
        assertTrue(nonZero(b), "B was trained away from its zero start");

        JsonNode config = new ObjectMapper().readTree(v1.dir().resolve("adapter_config.json").toFile());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals("CAUSAL_LM", config.get("task_type").asText());
        assertEquals(8, config.get("r").asInt());
        assertEquals(16, config.get("lora_alpha").asInt());
        assertTrue(config.get("lora_dropout").isNumber());
        assertEquals("[\"q_proj\",\"v_proj\"]", config.get("target_modules").toString());
        assertEquals("none", config.get("bias").asText());
        assertFalse(config.get("fan_in_fan_out").asBoolean());
        assertTrue(config.get("inference_mode").asBoolean());
        assertEquals(base.name(), config.get("base_model_name_or_path").asText());

        OptimizerState state = store.optimizerState(v1).orElseThrow();
        assertEquals(4, state.step(), "4 examples, batch 2, 2 epochs");
        assertEquals(weights.keySet().stream().map(k -> k.substring(LoraAdapter.PEFT_PREFIX.length())).sorted().toList(),
                state.expAvg().keySet().stream().sorted().toList());
        JsonNode trainerState = new ObjectMapper().readTree(v1.dir().resolve("trainer_state.json").toFile());
        assertEquals(4, trainerState.get("global_step").asInt());

        JsonNode lineage = new ObjectMapper().readTree(v1.dir().resolve("lineage.json").toFile());
        assertEquals(1, lineage.get("version").asInt());
        assertTrue(lineage.get("parent").isNull());
        assertEquals("[\"train-000001\"]", lineage.get("shardIds").toString());
    }

    private static boolean nonZero(FloatTensor t) {
        for (float v : t.data()) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void eachVersionStartsFromItsParentAndExtendsTheLineage() throws IOException {
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        try (IncrementalTrainer trainer = trainer(store, FAST)) {
            AdapterVersion v1 = trainer.train(shard("s1", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, s -> { });
            List<Example> two = LoraTrainerTest.MEMORIZE.subList(0, 2);
            AdapterVersion v2 = trainer.train(shard("s2", two), two, s -> { });

            assertEquals(2, v2.version());
            assertEquals(1, v2.lineage().parent());
            assertEquals(List.of("s2"), v2.lineage().newShardIds());
            assertEquals(List.of("s1", "s2"), v2.lineage().shardIds());
            assertEquals(6, v2.lineage().globalStep(), "optimizer steps carry over: 4 + 2");
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
        try (IncrementalTrainer first = trainer(store, FAST)) {
            first.train(shard("s1", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, s -> { });
            first.train(shard("s2", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, s -> { });
            trained = store.adapter(first.current().orElseThrow());
        }

        try (IncrementalTrainer restarted = trainer(store, FAST)) {
            assertEquals(2, restarted.current().orElseThrow().version());
            assertEquals(3, restarted.nextVersion());
            assertEquals(ShardTrainer.Decision.ALREADY_TRAINED, restarted.decide("s1", null));
            assertEquals(ShardTrainer.Decision.REPUBLISH, restarted.decide("s2", null));
            assertEquals(ShardTrainer.Decision.TRAIN, restarted.decide("s3", null));

            AdapterVersion v3 = restarted.train(shard("s3", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, s -> { });
            assertEquals(List.of("s1", "s2", "s3"), v3.lineage().shardIds());
        }
        assertEquals(trained, store.adapter(store.read(store.root().resolve("v000002"))), "old versions untouched");
    }

    @Test
    void onlyTheManifestRecordTheNewestVersionCameFromIsRepublished() throws IOException {
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        ShardRef.ManifestPosition read = new ShardRef.ManifestPosition("bioinstruct.shards.ready", 0, 5);
        ShardRef.ManifestPosition duplicate = new ShardRef.ManifestPosition("bioinstruct.shards.ready", 0, 9);
        ShardRef s1 = shard("s1", LoraTrainerTest.MEMORIZE);
        try (IncrementalTrainer trainer = trainer(store, FAST)) {
            trainer.train(new ShardRef(s1.id(), s1.uri(), s1.sha256(), read), LoraTrainerTest.MEMORIZE, s -> { });
        }

        try (IncrementalTrainer restarted = trainer(store, FAST)) {
            assertEquals(ShardTrainer.Decision.REPUBLISH, restarted.decide("s1", read), "redelivered after a crash");
            assertEquals(ShardTrainer.Decision.ALREADY_TRAINED, restarted.decide("s1", duplicate),
                    "a second manifest of the same shard");
            assertEquals(read, restarted.current().orElseThrow().lineage().shardFiles().get(0).manifest());
        }
    }

    /** Weights and AdamW moments after a restart equal those of a run that never stopped, dropout included. */
    @Test
    void trainingAfterARestartMatchesUninterruptedTraining() throws IOException {
        LoraSpec withDropout = new LoraSpec(8, 16, 0.1, List.of("q_proj", "v_proj"));
        List<Example> first = TestShards.examples("a", 6);
        List<Example> second = TestShards.examples("b", 6);
        ShardRef s1 = shard("s1", first);
        ShardRef s2 = shard("s2", second);

        AdapterStore straight = new AdapterStore(dir.resolve("straight"));
        try (IncrementalTrainer trainer = trainer(straight, FAST, withDropout)) {
            trainer.train(s1, first, s -> { });
            trainer.train(s2, second, s -> { });
        }
        AdapterStore resumed = new AdapterStore(dir.resolve("resumed"));
        try (IncrementalTrainer trainer = trainer(resumed, FAST, withDropout)) {
            trainer.train(s1, first, s -> { });
        }
        try (IncrementalTrainer trainer = trainer(resumed, FAST, withDropout)) {
            trainer.train(s2, second, s -> { });
        }

        AdapterVersion a = straight.newest().orElseThrow();
        AdapterVersion b = resumed.newest().orElseThrow();
        assertClose(straight.adapter(a).weights(), resumed.adapter(b).weights(), 1e-6f);
        OptimizerState sa = straight.optimizerState(a).orElseThrow();
        OptimizerState sb = resumed.optimizerState(b).orElseThrow();
        assertEquals(sa.step(), sb.step());
        assertClose(sa.expAvg(), sb.expAvg(), 1e-7f);
        assertClose(sa.expAvgSq(), sb.expAvgSq(), 1e-9f);
        assertEquals(a.lineage().loss(), b.lineage().loss(), 1e-5);
    }

    @Test
    void replaysADeterministicFractionOfEarlierShards() throws IOException {
        TrainingOptions replaying = new TrainingOptions(FAST.schedule(), 1, 2, 1, 1.0, AdamW.Hyper.defaults(), 256, 0.5);
        List<Example> first = TestShards.examples("a", 6);
        List<Example> second = TestShards.examples("b", 6);
        List<AdapterVersion> runs = new ArrayList<>();
        for (String run : List.of("x", "y")) {
            AdapterStore store = new AdapterStore(dir.resolve(run));
            try (IncrementalTrainer trainer = trainer(store, replaying)) {
                AdapterVersion v1 = trainer.train(shard("s1", first), first, s -> { });
                assertEquals(0, v1.lineage().replayed(), "nothing earlier to replay");
                runs.add(trainer.train(shard("s2", second), second, s -> { }));
            }
        }

        assertEquals(3, runs.get(0).lineage().replayed(), "half of the 6 new examples");
        assertEquals(9, runs.get(0).lineage().examples());
        assertEquals(List.of("s1", "s2"), runs.get(0).lineage().shardFiles().stream().map(ShardRef::id).toList());
        assertEquals(new AdapterStore(dir.resolve("x")).adapter(runs.get(0)),
                new AdapterStore(dir.resolve("y")).adapter(runs.get(1)), "same seed, same replay, same weights");
    }

    @Test
    void replaySkipsAnEarlierShardWhoseFileChanged() throws IOException {
        TrainingOptions replaying = new TrainingOptions(FAST.schedule(), 1, 2, 1, 1.0, AdamW.Hyper.defaults(), 256, 1.0);
        List<Example> first = TestShards.examples("a", 4);
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        try (IncrementalTrainer trainer = trainer(store, replaying)) {
            ShardRef s1 = shard("s1", first);
            trainer.train(s1, first, s -> { });
            Files.writeString(Path.of(java.net.URI.create(s1.uri())), "tampered\n");

            AdapterVersion v2 = trainer.train(shard("s2", TestShards.examples("b", 4)), TestShards.examples("b", 4), s -> { });

            assertEquals(0, v2.lineage().replayed());
            assertEquals(4, v2.lineage().examples());
        }
    }

    @Test
    void aFailedShardLeavesWeightsOptimizerAndStoreAsTheyWere() throws IOException {
        AdapterStore store = new AdapterStore(dir.resolve("adapters"));
        try (IncrementalTrainer trainer = trainer(store, FAST)) {
            AdapterVersion v1 = trainer.train(shard("s1", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, s -> { });
            LoraAdapter before = store.adapter(v1);

            assertThrows(IllegalStateException.class, () -> trainer.train(shard("s2", LoraTrainerTest.MEMORIZE),
                    LoraTrainerTest.MEMORIZE, s -> {
                        if (s.step() == 2) {
                            throw new IllegalStateException("disk full");
                        }
                    }));

            assertEquals(2, trainer.nextVersion());
            AdapterVersion v2 = trainer.train(shard("s2", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, s -> { });
            assertEquals(2, v2.version());
            assertEquals(8, v2.lineage().globalStep(), "the failed attempt's steps were rolled back");
            assertNotEquals(before, store.adapter(v2));
        }
    }

    @Test
    void reportsMetricsForEveryStep() throws IOException {
        try (IncrementalTrainer trainer = trainer(new AdapterStore(dir.resolve("adapters")), FAST)) {
            List<StepMetrics> steps = new ArrayList<>();
            AdapterVersion v1 = trainer.train(shard("s1", LoraTrainerTest.MEMORIZE), LoraTrainerTest.MEMORIZE, steps::add);

            assertEquals(List.of(1, 2, 3, 4), steps.stream().map(StepMetrics::step).toList());
            assertTrue(steps.stream().allMatch(s -> s.totalSteps() == 4));
            assertEquals(List.of(1L, 2L, 3L, 4L), steps.stream().map(StepMetrics::globalStep).toList());
            assertEquals(4, v1.lineage().examples());
            assertEquals(steps.stream().mapToLong(StepMetrics::tokens).sum(), v1.lineage().tokens());
            assertTrue(v1.lineage().loss() > 0);
        }
    }

    static void assertClose(Map<String, FloatTensor> expected, Map<String, FloatTensor> actual, float tolerance) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, t) -> {
            assertArrayEquals(t.shape(), actual.get(name).shape(), name);
            assertArrayEquals(t.data(), actual.get(name).data(), tolerance, name);
        });
    }
}
