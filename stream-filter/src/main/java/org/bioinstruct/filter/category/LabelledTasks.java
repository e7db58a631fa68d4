package org.bioinstruct.filter.category;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.Category;

/**
 * Reads labelled tasks from JSON Lines: one flat object per line with string fields {@code instruction},
 * {@code input} (optional, default empty) and {@code category} (QA, IE, GEN or OTHER); other fields are ignored.
 */
public final class LabelledTasks {
    private LabelledTasks() {
    }

    /** Reads a class-path resource, e.g. {@code category/training-v1.jsonl}. */
    public static List<LabelledTask> fromResource(String name) {
        InputStream stream = LabelledTasks.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException("missing class-path resource " + name);
        }
        try (stream) {
            return read(stream, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public static List<LabelledTask> read(InputStream stream, String origin) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        List<LabelledTask> tasks = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                tasks.add(parse(line, origin + ":" + number));
            }
        }
        return tasks;
    }

    static LabelledTask parse(String line, String where) {
        Map<String, String> fields = FlatJson.parse(line, where);
        String instruction = fields.get("instruction");
        String category = fields.get("category");
        if (instruction == null || category == null) {
            throw new IllegalArgumentException(where + ": needs instruction and category");
        }
        try {
            return new LabelledTask(instruction, fields.getOrDefault("input", ""), Category.valueOf(category));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown category " + category, e);
        }
    }
}
