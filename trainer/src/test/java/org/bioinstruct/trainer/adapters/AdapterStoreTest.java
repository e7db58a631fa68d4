package org.bioinstruct.trainer.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterStoreTest {
    private static final String KEY = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";
    private static final String STATE_KEY = "model.layers.0.self_attn.q_proj.lora_A.weight";

    @TempDir
    Path dir;

    @Test
    void aVersionIsCompleteOrAbsentAndCrashLeftoversAreRemoved() throws IOException {
        AdapterStore store = new AdapterStore(dir);
        store.write(adapter(1f), state(3), lineage(1, null));
        Path leftover = Files.createDirectories(dir.resolve(".v000002.tmp-1234"));
        Files.writeString(leftover.resolve(LoraAdapter.WEIGHTS_FILE), "half written");

        assertEquals(1, store.newest().orElseThrow().version(), "a temporary directory is never a version");
        assertEquals(1, store.deleteIncompleteVersions());
        assertFalse(Files.exists(leftover));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("v000001"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void roundTripsAdapterOptimizerStateAndLineage() throws IOException {
        AdapterStore store = new AdapterStore(dir);
        AdapterVersion written = store.write(adapter(2f), state(7), lineage(1, null));

        AdapterVersion read = store.read(written.dir());
        assertEquals(written.lineage(), read.lineage());
        assertEquals(adapter(2f), store.adapter(read));
        assertEquals(state(7), store.optimizerState(read).orElseThrow());
        assertTrue(Files.isRegularFile(written.dir().resolve(OptimizerState.STATE_FILE)));
    }

    @Test
    void refusesToOverwriteAVersion() throws IOException {
        AdapterStore store = new AdapterStore(dir);
        store.write(adapter(1f), state(1), lineage(1, null));

        assertThrows(IOException.class, () -> store.write(adapter(2f), state(2), lineage(1, null)));
        assertEquals(adapter(1f), store.adapter(store.newest().orElseThrow()));
    }

    private static LoraAdapter adapter(float value) {
        return new LoraAdapter(new LoraSpec(2, 4, List.of("q_proj")), "/models/base",
                Map.of(KEY, FloatTensor.filled(value, 2, 4)));
    }

    private static OptimizerState state(long step) {
        return new OptimizerState(step, Map.of(STATE_KEY, FloatTensor.filled(0.5f, 2, 4)),
                Map.of(STATE_KEY, FloatTensor.filled(0.25f, 2, 4)));
    }

    private static Lineage lineage(int version, Integer parent) {
        return new Lineage(version, parent, List.of("s" + version), List.of("s" + version), 4, 100, 1.5, "run",
                "/models/base", 1_700_000_000_000L, List.of(new ShardRef("s" + version, "file:///s.jsonl", "ab")), 0,
                3);
    }
}
