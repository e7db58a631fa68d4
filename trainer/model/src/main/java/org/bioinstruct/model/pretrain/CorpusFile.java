package org.bioinstruct.model.pretrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.schemas.config.InvalidConfigException;

/** A pre-training corpus file: one document per line, each a JSON string (so documents may hold line breaks). */
public final class CorpusFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusFile() {
    }

    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("--corpus", file, "no such file");
        }
        List<String> documents = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            documents.add(document(file, lineNumber, line));
        }
        if (documents.isEmpty()) {
            throw new InvalidConfigException("--corpus", file, "holds no documents");
        }
        return documents;
    }

    private static String document(Path file, int lineNumber, String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        } catch (JsonProcessingException e) {
            // reported below with the line number
        }
        throw new InvalidConfigException("--corpus", file + ":" + lineNumber, "each line must be a non-empty JSON string");
    }
}
