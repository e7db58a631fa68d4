package org.bioinstruct.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bioinstruct.evaluator.suite.BenchmarkFormat;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorSettingsTest {
    static EvaluatorSettings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092",
                "schema.registry.url", "mock://x", "data.dir", "/data"));
        values.putAll(extra);
        return EvaluatorSettings.from(Settings.of(values), Map.of());
    }

    @Test
    void defaultsPlaceStateUnderTheDataDirAndEvaluateEveryVersion() {
        EvaluatorSettings s = settings(Map.of());
        assertEquals(Path.of("/data/evaluator"), s.stateDir());
        assertEquals(16, s.maxExamples());
        assertFalse(s.skipToNewest());
        assertEquals(Map.of(), s.benchmarks());
        assertFalse(s.judge().isPresent());
    }

    @Test
    void benchmarkFilesAreCheckedAtStartUpNamingTheKey() throws Exception {
        Path medqa = Path.of(getClass().getResource("/benchmarks/medqa.jsonl").toURI());
        assertEquals(Map.of(BenchmarkFormat.MEDQA, medqa),
                settings(Map.of("evaluator.benchmark.medqa", medqa.toString())).benchmarks());
        assertEquals("evaluator.benchmark.mmlu", assertThrows(InvalidConfigException.class,
                () -> settings(Map.of("evaluator.benchmark.mmlu", medqa.toString()))).key());
        assertEquals("evaluator.benchmark.pubmedqa", assertThrows(InvalidConfigException.class,
                () -> settings(Map.of("evaluator.benchmark.pubmedqa", "/no/such/file.json"))).key());
        assertEquals("evaluator.max.examples", assertThrows(InvalidConfigException.class,
                () -> settings(Map.of("evaluator.max.examples", "0"))).key());
    }

    @Test
    void serdeConfigCarriesTheRegistryCredentialsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("registry-user-info"), "svc:pw");
        var config = settings(Map.of(RegistryCredentials.USER_INFO_FILE, file.toString()));
        assertEquals(file.toString(), config.serdeConfig().get(RegistryCredentials.USER_INFO_FILE));
    }
}
