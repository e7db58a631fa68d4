package org.bioinstruct.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.bioinstruct.trainer.training.AdamW;
import org.bioinstruct.trainer.training.LearningRateSchedule;
import org.bioinstruct.trainer.training.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertEquals(0.05, s.lora().dropout());
        assertEquals(TrainingOptions.defaults(), s.training());
        assertEquals(3e-3, s.training().learningRate());
        assertEquals(1, s.training().epochs());
        assertEquals(8, s.training().batchSize());
    }

    @Test
    void readsEveryTrainingKnob() {
        TrainerSettings s = TrainerSettings.from(Settings.fromArgs(REQUIRED).with(Map.of(
                "trainer.learning.rate", "1e-4", "trainer.lr.schedule", "linear",
                "trainer.lr.warmup.fraction", "0.25", "trainer.lr.min.ratio", "0",
                "trainer.epochs", "3", "trainer.batch.size", "4", "trainer.grad.accumulation", "2",
                "trainer.grad.clip.norm", "0.5", "trainer.max.seq.length", "128",
                "trainer.replay.fraction", "0.2")).with(Map.of(
                "trainer.adamw.beta1", "0.8", "trainer.adamw.beta2", "0.95", "trainer.adamw.epsilon", "1e-6",
                "trainer.adamw.weight.decay", "0.01")));

        assertEquals(new TrainingOptions(new LearningRateSchedule(LearningRateSchedule.Decay.LINEAR, 1e-4, 0.25, 0),
                3, 4, 2, 0.5, new AdamW.Hyper(0.8, 0.95, 1e-6, 0.01), 128, 0.2), s.training());
    }

    @ParameterizedTest
    @CsvSource({"trainer.lr.schedule, step", "trainer.lr.warmup.fraction, 1", "trainer.lr.min.ratio, 2",
            "trainer.epochs, 0", "trainer.batch.size, -1", "trainer.grad.accumulation, 0",
            "trainer.grad.clip.norm, -1", "trainer.adamw.beta1, 1", "trainer.adamw.beta2, x",
            "trainer.adamw.epsilon, 0", "trainer.adamw.weight.decay, -0.1", "trainer.max.seq.length, 1",
            "trainer.replay.fraction, -0.5", "trainer.learning.rate, 0", "trainer.steps.per.shard, 8",
            "trainer.lora.dropout, 1", "trainer.lora.r, 0"})
    void rejectsAnInvalidTrainingKnobNamingTheKey(String key, String value) {
        Settings s = Settings.fromArgs(REQUIRED).with(key, value);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TrainerSettings.from(s));
        assertEquals(key, e.key());
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
                "schema.registry.url=mock://t", "trainer.epochs=zero"}));
    }

    @Test
    void serdeConfigCarriesTheRegistryCredentialsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("registry-user-info"), "svc:pw");
        var config = TrainerSettings.from(
                Settings.fromArgs(REQUIRED).with(RegistryCredentials.USER_INFO_FILE, file.toString()));
        assertEquals(file.toString(), config.serdeConfig().get(RegistryCredentials.USER_INFO_FILE));
    }
}
