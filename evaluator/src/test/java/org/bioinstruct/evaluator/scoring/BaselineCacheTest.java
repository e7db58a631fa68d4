package org.bioinstruct.evaluator.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCacheTest {
    @TempDir
    Path dir;

    @Test
    void outputsSurviveARestartAndTheLastLineForAnItemWins() throws Exception {
        BaselineCache first = new BaselineCache(dir, "abc", 48);
        first.put("heldout", ModelOutput.choice("q1", new double[] {-1.5, -2.25}));
        first.put("heldout", ModelOutput.generated("g1", "line one\nline \"two\"", Double.NaN));
        first.put("heldout", ModelOutput.generated("g1", "line one\nline \"two\"", 7.0));
        Files.writeString(first.dir().resolve("heldout.jsonl"), "{\"id\":\"torn", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        BaselineCache reopened = new BaselineCache(dir, "abc", 48);
        assertArrayEquals(new double[] {-1.5, -2.25}, reopened.get("heldout", "q1").orElseThrow().logLikelihoods());
        ModelOutput g1 = reopened.get("heldout", "g1").orElseThrow();
        assertEquals("line one\nline \"two\"", g1.text());
        assertEquals(7.0, g1.judgeScore());
        assertTrue(reopened.get("pubmedqa", "q1").isEmpty(), "suites are cached apart");
    }

    @Test
    void anotherModelOrGenerationLengthHasItsOwnBaseline() throws Exception {
        new BaselineCache(dir, "abc", 48).put("heldout", ModelOutput.generated("g1", "x", Double.NaN));
        assertTrue(new BaselineCache(dir, "def", 48).get("heldout", "g1").isEmpty());
        assertTrue(new BaselineCache(dir, "abc", 16).get("heldout", "g1").isEmpty());
    }

    @Test
    void checksumCoversFileNamesAndContents() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{}");
        Files.writeString(model.resolve("model.safetensors"), "weights");
        String before = ModelChecksum.of(model);
        assertEquals(before, ModelChecksum.of(model));
        Files.writeString(model.resolve("model.safetensors"), "weightz");
        assertNotEquals(before, ModelChecksum.of(model));
    }
}
