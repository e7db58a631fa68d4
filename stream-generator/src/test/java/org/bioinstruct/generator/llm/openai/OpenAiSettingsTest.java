package org.bioinstruct.generator.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiSettingsTest {
    private static final String KEY = "sk-proj-VERYSECRET-42424242";
    private static final Map<String, String> NO_ENV = Map.of();

    private static Settings settings(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(values);
    }

    private static InvalidConfigException invalid(Settings settings, Map<String, String> env) {
        return assertThrows(InvalidConfigException.class, () -> OpenAiSettings.from(settings, env));
    }

    @Test
    void appliesTheDocumentedDefaultsForALocalServer() {
        OpenAiSettings s = OpenAiSettings.from(settings("llm.base.url", "http://127.0.0.1:8000/v1",
                "llm.model", "qwen2.5-7b"), NO_ENV);

        assertEquals("http://127.0.0.1:8000/v1/chat/completions", s.chatCompletionsUri().toString());
        assertEquals("qwen2.5-7b", s.model());
        assertFalse(s.hasApiKey());
        assertEquals(0.7, s.temperature());
        assertEquals(0.5, s.topP());
        assertEquals(3072, s.maxTokens());
        assertEquals(JsonMode.AUTO, s.jsonMode());
        assertEquals(4, s.concurrency());
        assertEquals(0, s.requestsPerMinute());
        assertEquals(0, s.tokensPerMinute());
        assertEquals(6, s.maxRetries());
        assertEquals(120_000, s.timeout().toMillis());
        assertEquals(1000, s.backoffInitialMs());
        assertEquals(60_000, s.backoffMaxMs());
        assertEquals(0.0, s.pricePromptPerMillion());
        assertEquals(0.0, s.priceCompletionPerMillion());
        assertEquals(List.of(), s.stop());
    }

    @Test
    void toleratesTrailingSlashesOnTheBaseUrl() {
        OpenAiSettings s = OpenAiSettings.from(settings("llm.base.url", "https://api.openai.com/v1//",
                "llm.model", "gpt-4o-mini"), Map.of("OPENAI_API_KEY", KEY));

        assertEquals("https://api.openai.com/v1/chat/completions", s.chatCompletionsUri().toString());
    }

    @Test
    void requiresTheModel() {
        assertEquals("llm.model", invalid(settings("llm.base.url", "http://localhost:11434/v1"), NO_ENV).key());
    }

    @Test
    void requiresAnAbsoluteHttpBaseUrl() {
        for (String bad : List.of("localhost:8000/v1", "ftp://example.org/v1", "/v1", "http://", "not a url",
                "http://127.0.0.1:8000/v1?x=1")) {
            InvalidConfigException e = invalid(settings("llm.base.url", bad, "llm.model", "m"), NO_ENV);
            assertEquals("llm.base.url", e.key(), bad);
        }
        assertEquals("llm.base.url", invalid(settings("llm.model", "m"), NO_ENV).key());
    }

    @Test
    void requiresAKeyForApiOpenAiComNamingWhereToPutIt() {
        InvalidConfigException e = invalid(settings("llm.base.url", "https://api.openai.com/v1",
                "llm.model", "gpt-4o-mini"), NO_ENV);

        assertEquals("llm.api.key.file", e.key());
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }

    @Test
    void requiresAKeyForAnyServerWhenTold() {
        InvalidConfigException e = invalid(settings("llm.base.url", "http://127.0.0.1:8000/v1",
                "llm.model", "m", "llm.api.key.required", "true"), NO_ENV);

        assertEquals("llm.api.key.file", e.key());
    }

    @Test
    void readsTheKeyFromTheEnvironmentVariableItIsToldToUse() {
        OpenAiSettings s = OpenAiSettings.from(settings("llm.base.url", "https://api.openai.com/v1",
                "llm.model", "gpt-4o-mini", "llm.api.key.env", "BIO_LLM_KEY"), Map.of("BIO_LLM_KEY", " " + KEY + "\n"));

        assertEquals(KEY, s.apiKey());
    }

    @Test
    void prefersATrimmedKeyFileToTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("key.txt"), "\n  " + KEY + "  \n");
        OpenAiSettings s = OpenAiSettings.from(settings("llm.base.url", "https://api.openai.com/v1",
                "llm.model", "gpt-4o-mini", "llm.api.key.file", file.toString()), Map.of("OPENAI_API_KEY", "other"));

        assertEquals(KEY, s.apiKey());
    }

    @Test
    void failsOnAnUnreadableOrEmptyKeyFile(@TempDir Path dir) throws IOException {
        Settings missing = settings("llm.base.url", "http://127.0.0.1:8000/v1", "llm.model", "m",
                "llm.api.key.file", dir.resolve("absent").toString());
        assertEquals("llm.api.key.file", invalid(missing, NO_ENV).key());

        Path empty = Files.writeString(dir.resolve("empty"), "  \n");
        Settings emptyFile = settings("llm.base.url", "https://api.openai.com/v1", "llm.model", "m",
                "llm.api.key.file", empty.toString());
        assertEquals("llm.api.key.file", invalid(emptyFile, NO_ENV).key());
    }

    @Test
    void namesTheKeyOfEachBadValue() {
        Map<String, String> bad = Map.of(
                "llm.json.mode", "sometimes",
                "llm.temperature", "3",
                "llm.top.p", "1.5",
                "llm.concurrency", "0",
                "llm.max.retries", "-1",
                "llm.backoff.max.ms", "10",
                "llm.stop", "a|b|c|d|e",
                "llm.requests.per.minute", "lots");
        bad.forEach((key, value) -> assertEquals(key, invalid(settings("llm.base.url", "http://h:1/v1",
                "llm.model", "m", key, value), NO_ENV).key(), key));
    }

    @Test
    void splitsStopSequencesOnBarsAndKeepsWhitespace() {
        OpenAiSettings s = OpenAiSettings.from(settings("llm.base.url", "http://h:1/v1", "llm.model", "m",
                "llm.stop", "\n\n|\\n16|a\\|b"), NO_ENV);

        assertEquals(List.of("\n\n", "\n16", "a|b"), s.stop());
    }

    @Test
    void neverShowsTheKeyInToString() {
        OpenAiSettings s = OpenAiSettings.from(settings("llm.base.url", "https://api.openai.com/v1",
                "llm.model", "gpt-4o-mini"), Map.of("OPENAI_API_KEY", KEY));

        assertTrue(s.hasApiKey());
        assertFalse(s.toString().contains(KEY), s.toString());
        assertFalse(s.toString().contains("VERYSECRET"), s.toString());
    }
}
