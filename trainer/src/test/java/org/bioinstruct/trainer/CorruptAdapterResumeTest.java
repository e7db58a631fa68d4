package org.bioinstruct.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.CorruptAdapterVersionException;
import org.bioinstruct.trainer.adapters.OptimizerState;
import org.bioinstruct.trainer.training.IncrementalTrainer;
import org.bioinstruct.trainer.training.TestShards;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer never resumes from a newest adapter version it cannot load: falling back to the version before
 * would train that version's shard twice or lose it, so it refuses to start, names the directory and leaves
 * every version on disk as it was.
 */
class CorruptAdapterResumeTest {
    @TempDir
    static Path dataDir;
    static TrainerSettings settings;
    static BaseModel base;

    @BeforeAll
    static void trainTwoVersions() throws IOException {
        settings = TrainerSettings.from(Settings.of(Map.of("bootstrap.servers", "localhost:1",
                "schema.registry.url", "mock://corrupt-resume", "data.dir", dataDir.toString(),
                "trainer.batch.size", "2", "trainer.epochs", "1")));
        base = BaseModels.createOrLoad(settings.modelDir(), settings.seed());
        try (IncrementalTrainer trainer = trainer(settings.adaptersDir())) {
            for (String shard : List.of("train-000001", "train-000002")) {
                trainer.train(TestShards.write(dataDir.resolve("shards"), shard, TestShards.examples(shard, 2)),
                        TestShards.examples(shard, 2), step -> { });
            }
        }
    }

    @TempDir
    Path work;
    Path adapters;
    Path newest;

    /** A copy of the two trained versions per test, so each corrupts its own. */
    @BeforeEach
    void copyVersions() throws IOException {
        adapters = work.resolve("adapters");
        for (String version : List.of("v000001", "v000002")) {
            Path to = Files.createDirectories(adapters.resolve(version));
            try (var files = Files.list(settings.adaptersDir().resolve(version))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        newest = adapters.resolve("v000002");
    }

    @Test
    void refusesToResumeFromATruncatedAdapterNamingItsDirectory() throws IOException {
        truncate(newest.resolve(LoraAdapter.WEIGHTS_FILE));

        assertRefusedNamingTheNewestVersion();
    }

    @Test
    void refusesToResumeFromGarbageAdapterConfig() throws IOException {
        Files.writeString(newest.resolve(LoraAdapter.CONFIG_FILE), "{\"peft_type\": \"LORA\", \"r\": ");

        assertRefusedNamingTheNewestVersion();
    }

    @Test
    void refusesToResumeFromAnUnreadableLineage() throws IOException {
        Files.write(newest.resolve(AdapterStore.LINEAGE_FILE), new byte[] {0, 1, 2, 3});

        assertRefusedNamingTheNewestVersion();
    }

    @Test
    void refusesToResumeFromATruncatedOptimizerState() throws IOException {
        truncate(newest.resolve(OptimizerState.WEIGHTS_FILE));

        assertRefusedNamingTheNewestVersion();
    }

    @Test
    void resumesFromAnIntactCopyAtTheNextVersion() throws IOException {
        try (IncrementalTrainer trainer = trainer(adapters)) {
            assertEquals(3, trainer.nextVersion());
        }
    }

    @Test
    void trainerMainExitsWithCode3InsteadOfRetrainingOrCrashLooping() throws Exception {
        Path otherData = work.resolve("data");
        Files.createDirectories(otherData.resolve("models"));
        copyTree(settings.modelDir(), otherData.resolve("models/base"));
        copyTree(adapters, otherData.resolve("adapters"));
        truncate(otherData.resolve("adapters/v000002").resolve(LoraAdapter.WEIGHTS_FILE));

        int code = TrainerMain.run(new String[] {"bootstrap.servers=localhost:1",
                "schema.registry.url=mock://corrupt-resume", "data.dir=" + otherData});

        assertEquals(TrainerMain.CORRUPT_ADAPTER_EXIT, code);
        try (var dirs = Files.list(otherData.resolve("adapters"))) {
            assertEquals(List.of("v000001", "v000002"), dirs.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private void assertRefusedNamingTheNewestVersion() throws IOException {
        List<String> before = listing();

        CorruptAdapterVersionException e = assertThrows(CorruptAdapterVersionException.class, () -> trainer(adapters));

        assertEquals(newest, e.dir());
        assertTrue(e.getMessage().startsWith("adapter version " + newest + " is corrupt ("), e.getMessage());
        assertTrue(e.getMessage().contains("will not resume from it"), e.getMessage());
        assertEquals(before, listing(), "nothing deleted, moved or written");
        assertFalse(Files.exists(adapters.resolve("v000003")));
    }

    private List<String> listing() throws IOException {
        try (var walk = Files.walk(adapters)) {
            return walk.map(p -> adapters.relativize(p) + ":" + (Files.isRegularFile(p) ? size(p) : -1)).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static IncrementalTrainer trainer(Path adaptersDir) throws IOException {
        return new IncrementalTrainer(base, settings.lora(), settings.training(), new AdapterStore(adaptersDir),
                settings.runId(), settings.seed());
    }

    private static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
