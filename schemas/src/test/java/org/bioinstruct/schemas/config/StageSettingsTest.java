package org.bioinstruct.schemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.junit.jupiter.api.Test;

class StageSettingsTest {
    private static final Settings REQUIRED = Settings.of(Map.of(CommonKeys.BOOTSTRAP_SERVERS, "b:9092",
            CommonKeys.SCHEMA_REGISTRY_URL, "mock://stage"));

    @Test
    void everyStageGetsTheSameDefaultRunId() {
        StageSettings stage = StageSettings.from(REQUIRED);
        assertEquals("default", StageSettings.DEFAULT_RUN_ID);
        assertEquals(StageSettings.DEFAULT_RUN_ID, stage.runId());
        assertEquals("r7", StageSettings.from(REQUIRED.with(CommonKeys.RUN_ID, "r7")).runId());
    }

    @Test
    void readsTheSharedKeysOnce() {
        StageSettings stage = StageSettings.from(REQUIRED.with(Map.of("kafka.security.protocol", "SSL",
                "topic.raw", "my.raw", CommonKeys.DATA_DIR, "/data")));
        assertEquals("b:9092", stage.bootstrapServers());
        assertEquals("mock://stage", stage.serdeConfig().get(SerdeConfig.REGISTRY_URL));
        assertEquals(Map.of("security.protocol", "SSL"), stage.kafkaOverrides());
        assertEquals("my.raw", stage.topics().raw().name());
        assertEquals(Optional.of(Path.of("/data")), stage.dataDir());
        assertEquals(Path.of("/data"), stage.requiredDataDir());
    }

    @Test
    void aMissingSharedKeyIsNamed() {
        assertEquals(CommonKeys.BOOTSTRAP_SERVERS, assertThrows(InvalidConfigException.class,
                () -> StageSettings.from(Settings.of(Map.of(CommonKeys.SCHEMA_REGISTRY_URL, "mock://x")))).key());
        assertEquals(CommonKeys.SCHEMA_REGISTRY_URL, assertThrows(InvalidConfigException.class,
                () -> StageSettings.from(Settings.of(Map.of(CommonKeys.BOOTSTRAP_SERVERS, "b:9092")))).key());
    }

    @Test
    void theDataDirIsRequiredOnlyByAStageThatAsksForIt() {
        StageSettings stage = StageSettings.from(REQUIRED);
        assertEquals(Optional.empty(), stage.dataDir());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, stage::requiredDataDir);
        assertEquals(CommonKeys.DATA_DIR, e.key());
        InvalidConfigException alternative = assertThrows(InvalidConfigException.class,
                () -> stage.requiredDataDir("x.state.dir"));
        assertTrue(alternative.getMessage().contains("or set x.state.dir"), alternative.getMessage());
    }
}
