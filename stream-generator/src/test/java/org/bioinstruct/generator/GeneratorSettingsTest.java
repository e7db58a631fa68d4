package org.bioinstruct.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageSettings;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorSettingsTest {
    private static final String[] REQUIRED = {"bootstrap.servers=localhost:9092", "schema.registry.url=mock://gen"};

    @Test
    void defaultsToFourHundredOfflineTasksWithSeed42() {
        GeneratorSettings config = GeneratorSettings.from(Settings.fromArgs(REQUIRED));
        assertEquals(400, config.count());
        assertEquals(42, config.seed());
        assertEquals("offline", config.backend());
        try (GenerationBackend backend = config.createBackend()) {
            assertEquals("synthetic", backend.source());
        }
        assertEquals(StageSettings.DEFAULT_RUN_ID, config.runId());
        assertEquals(0.0, config.rate());
        assertEquals("bioinstruct.instructions.raw", config.topics().raw().name());
    }

    @Test
    void producerIsIdempotentWithAcksAll() {
        GeneratorSettings config = GeneratorSettings.from(Settings.fromArgs(REQUIRED).with("kafka.compression.type", "lz4"));
        assertEquals(true, config.producerConfig().get("enable.idempotence"));
        assertEquals("all", config.producerConfig().get("acks"));
        assertEquals("lz4", config.producerConfig().get("compression.type"));
    }

    @Test
    void unknownBackendIsAConfigErrorNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> GeneratorSettings.from(Settings.fromArgs(REQUIRED).with("generator.backend", "gpt")));
        assertEquals("generator.backend", e.key());
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
    }

    @Test
    void importWithoutAFileFailsAtStartUpNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> GeneratorSettings.from(
                Settings.fromArgs(REQUIRED).with(java.util.Map.of("generator.backend", "import", "import.format", "nli"))));
        assertEquals("import.file", e.key());
    }

    @Test
    void importReadsTheCorpusFileAsContentAddressedTasks() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(getClass().getResource("/corpus/mednli-sample.jsonl").toURI());
        GeneratorSettings config = GeneratorSettings.from(Settings.fromArgs(REQUIRED).with(java.util.Map.of(
                "generator.backend", "import", "import.format", "nli", "import.file", file.toString())));
        try (GenerationBackend backend = config.createBackend()) {
            assertTrue(backend.contentAddressed());
            assertEquals("corpus:nli:mednli-sample.jsonl", backend.source());
            assertTrue(!backend.nextBatch(5).isEmpty());
        }
    }

    @Test
    void missingRegistryUrlIsAConfigErrorNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> GeneratorSettings.from(Settings.fromArgs("bootstrap.servers=localhost:9092")));
        assertEquals("schema.registry.url", e.key());
    }

    @Test
    void negativeCountIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> GeneratorSettings.from(Settings.fromArgs(REQUIRED).with("generator.count", "-1")));
        assertEquals("generator.count", e.key());
    }

    @Test
    void serdeConfigCarriesTheRegistryCredentialsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("registry-user-info"), "svc:pw");
        var config = GeneratorSettings.from(
                Settings.fromArgs(REQUIRED).with(RegistryCredentials.USER_INFO_FILE, file.toString()));
        assertEquals(file.toString(), config.serdeConfig().get(RegistryCredentials.USER_INFO_FILE));
    }
}
