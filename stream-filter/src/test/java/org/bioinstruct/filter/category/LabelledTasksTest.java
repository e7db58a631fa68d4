package org.bioinstruct.filter.category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class LabelledTasksTest {

    @Test
    void readsFlatObjectsWithEscapesAndIgnoresOtherFields() throws IOException {
        String text = "{\"id\": \"s1\", \"instruction\": \"Say \\\"hi\\\"\\tnow\", \"input\": \"a\\nb \\u00e9\", "
                + "\"category\": \"GEN\", \"n\": 3, \"ok\": true, \"none\": null}\n\n"
                + "{\"instruction\": \"What?\", \"category\": \"QA\"}\n";
        List<LabelledTask> tasks = LabelledTasks.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "mem");
        assertEquals(List.of(new LabelledTask("Say \"hi\"\tnow", "a\nb é", Category.GEN),
                new LabelledTask("What?", "", Category.QA)), tasks);
    }

    @Test
    void aBadLineIsReportedWithItsPosition() {
        String text = "{\"instruction\": \"x\", \"category\": \"QA\"}\n"
                + "{\"instruction\": \"y\", \"category\": \"MAYBE\"}\n";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LabelledTasks.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "file.jsonl"));
        assertTrue(error.getMessage().startsWith("file.jsonl:2"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelledTasks.parse("{\"instruction\": [1]}", "x"));
        assertThrows(IllegalArgumentException.class, () -> LabelledTasks.parse("{\"instruction\": \"x\"}", "x"));
    }

    @Test
    void bundledTrainingDataHoldsTheSeedsAndIsSmall() {
        List<LabelledTask> training = LabelledTasks.fromResource(CategoryClassifier.TRAINING_RESOURCE);
        assertTrue(training.size() >= 500, "training tasks " + training.size());
        assertTrue(training.stream().anyMatch(task -> task.instruction().startsWith(
                "Extract every medication from this discharge note")), "seed-01 missing");
        for (Category category : Category.values()) {
            assertTrue(training.stream().filter(task -> task.category() == category).count() >= 100, category.name());
        }
    }
}
