package org.bioinstruct.filter.batchbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bioinstruct.filter.neardup.SyntheticCorpus;

/**
 * Writes the batch-mode benchmark's input: {@code count} JSONL instructions from the seeded synthetic
 * corpus (10% planted near duplicates), e.g.
 * {@code java -cp <test classpath> org.bioinstruct.filter.batchbench.CorpusFile /tmp/in.jsonl 1000000}.
 */
public final class CorpusFile {
    private CorpusFile() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        ObjectMapper json = new ObjectMapper();
        SyntheticCorpus corpus = new SyntheticCorpus(42, 0.1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                SyntheticCorpus.Task task = corpus.next();
                var line = json.createObjectNode().put("id", task.id()).put("instruction", task.instruction())
                        .put("input", task.input()).put("output", "Answer to task " + task.id() + ".");
                out.write(json.writeValueAsString(line));
                out.newLine();
            }
        }
    }
}
