package org.bioinstruct.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class TrainerSettingsTest {
    private static final String[] REQUIRED = {"bootstrap.servers=localhost:9092",
            "schema.registry.url=mock://t", "data.dir=/data"};

    @Test
    void appliesDocumentedDefaults() {
        TrainerSettings s = TrainerSettings.from(Settings.fromArgs(REQUIRED));

        assertEquals(Path.of("/data/models/base"), s.modelDir());
        assertEquals(Path.of("/data/adapters"), s.adaptersDir());
        assertEquals(7, s.seed());
        assertEquals("bioinstruct-trainer", s.groupId());
        assertEquals(2, s.metricsEvery());
        assertEquals(8, s.lora().r());
        assertEquals(16.0, s.lora().alpha());
        assertEquals(List.of("q_proj", "v_proj"), s.lora().targetModules());
        assertEquals(3e-3, s.training().learningRate());
        assertEquals(8, s.training().stepsPerShard());
        assertEquals(8, s.training().batchSize());
    }

    @Test
    void rejectsMissingDataDirNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TrainerSettings.from(
                Settings.fromArgs("bootstrap.servers=x:1", "schema.registry.url=mock://t")));
        assertEquals("data.dir", e.key());
    }

    @Test
    void rejectsUnknownLoraTarget() {
        Settings s = Settings.fromArgs(REQUIRED).with("trainer.lora.targets", "q_proj,qkv");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TrainerSettings.from(s));
        assertEquals("trainer.lora.targets", e.key());
        assertTrue(e.getMessage().contains("qkv"));
    }

    @Test
    void mainExitsWithTwoOnBadConfiguration() throws Exception {
        assertEquals(2, TrainerMain.run(new String[] {"bootstrap.servers=x:1", "data.dir=/tmp/x",
                "schema.registry.url=mock://t", "trainer.steps.per.shard=zero"}));
    }
}
