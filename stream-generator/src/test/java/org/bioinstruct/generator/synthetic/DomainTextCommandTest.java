package org.bioinstruct.generator.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.generator.CandidateTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainTextCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesTheInputsAndOutputsOfTheSeedsTasksAsJsonStringsWithoutInstructions() throws IOException {
        Path out = dir.resolve("corpus.jsonl");
        int written = DomainTextCommand.write(out, 40, 5);

        List<String> expected = new ArrayList<>();
        List<String> instructions = new ArrayList<>();
        for (CandidateTask task : new SyntheticBackend(5).nextBatch(40)) {
            instructions.add(task.instruction().strip());
            for (String text : List.of(task.input(), task.output())) {
                if (!text.isBlank()) {
                    expected.add(text.strip());
                }
            }
        }
        List<String> documents = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            documents.add(JSON.readValue(line, String.class));
        }
        assertEquals(expected, documents);
        assertEquals(documents.size(), written);
        assertTrue(documents.stream().noneMatch(instructions::contains), "no instruction is a document");
        assertFalse(Files.readString(out).contains("### "), "no prompt layout");
    }
}
