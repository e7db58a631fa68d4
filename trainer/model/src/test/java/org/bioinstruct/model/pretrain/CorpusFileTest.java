package org.bioinstruct.model.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFileTest {
    @TempDir
    Path dir;

    @Test
    void readsOneJsonStringDocumentPerLineKeepingLineBreaksAndSkippingBlankLines() throws IOException {
        Path file = Files.writeString(dir.resolve("c.jsonl"), "\"Metformin was continued.\\nBMI 31.\"\n\n\"CRP 12 mg/L\"\n");

        assertEquals(List.of("Metformin was continued.\nBMI 31.", "CRP 12 mg/L"), CorpusFile.read(file));
    }

    @Test
    void rejectsALineThatIsNotAJsonStringNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("c.jsonl"), "\"fine\"\n{\"text\": \"an object\"}\n");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> CorpusFile.read(file));
        assertEquals("--corpus", e.key());
        assertTrue(e.getMessage().contains("c.jsonl:2"), e.getMessage());
    }

    @Test
    void rejectsAMissingOrEmptyFile() throws IOException {
        assertEquals("--corpus", assertThrows(InvalidConfigException.class,
                () -> CorpusFile.read(dir.resolve("none.jsonl"))).key());
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        assertEquals("--corpus", assertThrows(InvalidConfigException.class, () -> CorpusFile.read(empty)).key());
    }
}
