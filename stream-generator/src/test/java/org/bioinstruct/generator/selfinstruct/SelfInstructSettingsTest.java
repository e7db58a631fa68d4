package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfInstructSettingsTest {
    private static final String SEED = "{\"id\":\"s1\",\"instruction\":\"Name the gene mutated in cystic fibrosis.\","
            + "\"input\":\"\",\"output\":\"CFTR\",\"category\":\"QA\"}";

    @Test
    void defaultsAreBioInstructs() {
        SelfInstructSettings settings = SelfInstructSettings.from(Settings.of(Map.of("generator.seed", "42")));
        assertEquals(SelfInstructOptions.defaults(), settings.options());
        assertEquals(new SelfInstructOptions(3, 0, 20, 4, 5, 100), settings.options());
        assertEquals(80, settings.seeds().size());
        assertEquals("selfinstruct-v1", settings.template().version());
        assertEquals(5_000, settings.machinePoolSize());
    }

    @Test
    void readsEveryKey(@TempDir Path dir) throws IOException {
        Path seeds = dir.resolve("seeds.jsonl");
        Files.writeString(seeds, SEED + "\n" + SEED.replace("s1", "s2").replace("cystic fibrosis", "sickle cell disease")
                .replace("CFTR", "HBB") + "\n");
        Path prompt = dir.resolve("my-prompt-v2.txt");
        Files.writeString(prompt, "[user]\n{{count}} like {{examples}}");
        Map<String, String> values = new HashMap<>();
        values.put(SelfInstructSettings.SEED_FILE, seeds.toString());
        values.put(SelfInstructSettings.PROMPT_FILE, prompt.toString());
        values.put(SelfInstructSettings.SEEDS_PER_PROMPT, "2");
        values.put(SelfInstructSettings.MACHINE_PER_PROMPT, "2");
        values.put(SelfInstructSettings.TASKS_PER_REQUEST, "8");
        values.put(SelfInstructSettings.PARALLEL_REQUESTS, "6");
        values.put(SelfInstructSettings.MAX_CONSECUTIVE_FAILURES, "9");
        values.put(SelfInstructSettings.MALFORMED_LOG_EVERY, "7");
        values.put(SelfInstructSettings.MACHINE_POOL_SIZE, "300");
        SelfInstructSettings settings = SelfInstructSettings.from(Settings.of(values));
        assertEquals(new SelfInstructOptions(2, 2, 8, 6, 9, 7), settings.options());
        assertEquals(2, settings.seeds().size());
        assertEquals("my-prompt-v2", settings.template().version());
        assertEquals(300, settings.machinePoolSize());
        assertEquals(values.keySet().stream().sorted().toList(), SelfInstructSettings.keys());
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheKey() {
        assertRejected(SelfInstructSettings.SEEDS_PER_PROMPT, "0");
        assertRejected(SelfInstructSettings.MACHINE_PER_PROMPT, "-1");
        assertRejected(SelfInstructSettings.TASKS_PER_REQUEST, "0");
        assertRejected(SelfInstructSettings.PARALLEL_REQUESTS, "many");
        assertRejected(SelfInstructSettings.MAX_CONSECUTIVE_FAILURES, "-3");
        assertRejected(SelfInstructSettings.MALFORMED_LOG_EVERY, "0");
        assertRejected(SelfInstructSettings.MACHINE_POOL_SIZE, "0");
    }

    @Test
    void rejectsAnUnknownSelfinstructKey() {
        InvalidConfigException e = assertRejected("selfinstruct.seeds.per.promt", "3");
        assertTrue(e.getMessage().contains("unknown setting"), e.getMessage());
    }

    @Test
    void rejectsMoreSeedsPerPromptThanTheSeedFileHolds(@TempDir Path dir) throws IOException {
        Path seeds = dir.resolve("one.jsonl");
        Files.writeString(seeds, SEED + "\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> SelfInstructSettings.from(Settings.of(
                Map.of(SelfInstructSettings.SEED_FILE, seeds.toString(), SelfInstructSettings.SEEDS_PER_PROMPT, "3"))));
        assertEquals(SelfInstructSettings.SEEDS_PER_PROMPT, e.key());
    }

    @Test
    void reportsABadSeedLineUnderTheSeedFileKeyWithFileAndLine(@TempDir Path dir) throws IOException {
        Path seeds = dir.resolve("bad.jsonl");
        Files.writeString(seeds, SEED + "\n" + SEED.replace("QA", "ABSTRACT").replace("s1", "s2") + "\n");
        InvalidConfigException e = assertRejected(SelfInstructSettings.SEED_FILE, seeds.toString());
        assertTrue(e.getMessage().contains(seeds + ":2: category 'ABSTRACT'"), e.getMessage());
        assertRejected(SelfInstructSettings.SEED_FILE, dir.resolve("missing.jsonl").toString());
    }

    @Test
    void reportsABadPromptFileUnderItsKey(@TempDir Path dir) throws IOException {
        Path prompt = dir.resolve("p.txt");
        Files.writeString(prompt, "[user]\nno placeholders here");
        assertRejected(SelfInstructSettings.PROMPT_FILE, prompt.toString());
        assertRejected(SelfInstructSettings.PROMPT_FILE, dir.resolve("missing.txt").toString());
    }

    @Test
    void createsASeedsOnlyBackendWithoutTouchingKafka() {
        Settings settings = Settings.of(Map.of(SelfInstructSettings.TASKS_PER_REQUEST, "4"));
        try (SelfInstructBackend backend = SelfInstructSettings.from(settings)
                .createBackend(settings, new ScriptedChatClient(ScriptedChatClient::derivedTasks), 42)) {
            assertEquals("selfinstruct-v1", backend.promptVersion());
            assertEquals(4, backend.nextBatch(4).size());
            assertEquals(1L, backend.counters().get("requests"), "M = 4: one request");
        }
    }

    private static InvalidConfigException assertRejected(String key, String value) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> SelfInstructSettings.from(Settings.of(Map.of(key, value))));
        assertEquals(key, e.key());
        return e;
    }
}
