package org.bioinstruct.generator.selfinstruct;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.schemas.avro.Category;

/**
 * The human-written seed tasks, loaded from JSONL (one object per line: {@code id, instruction, input,
 * output, category}) and validated as a whole: a bad line fails the load naming {@code file:line}.
 */
public final class SeedPool {
    public static final String DEFAULT_RESOURCE = "seeds/bioinstruct-seeds-v1.jsonl";
    private static final Set<String> FIELDS = Set.of("id", "instruction", "input", "output", "category");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SeedTask> tasks;

    private SeedPool(List<SeedTask> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a seed pool needs at least one task");
        }
        this.tasks = List.copyOf(tasks);
    }

    /** The seeds that ship with the generator ({@value #DEFAULT_RESOURCE}). */
    public static SeedPool fromClasspath() {
        return fromClasspath(DEFAULT_RESOURCE);
    }

    public static SeedPool fromClasspath(String resource) {
        InputStream in = SeedPool.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new SeedFileException(resource, 0, "no such classpath resource");
        }
        return read(resource, new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    public static SeedPool fromFile(Path file) {
        try {
            return read(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SeedFileException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** Parses and validates JSONL; {@code name} is used in error messages. Blank lines are skipped. */
    public static SeedPool read(String name, Reader reader) {
        List<SeedTask> tasks = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        Map<String, Integer> lineOfContent = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                SeedTask task = parseLine(name, number, line);
                Integer idLine = lineOfId.putIfAbsent(task.id(), number);
                if (idLine != null) {
                    throw new SeedFileException(name, number, "duplicate id " + task.id() + " (first on line " + idLine + ")");
                }
                Integer contentLine = lineOfContent.putIfAbsent(ContentKey.of(task.instruction(), task.input()), number);
                if (contentLine != null) {
                    throw new SeedFileException(name, number,
                            "same instruction and input as line " + contentLine);
                }
                tasks.add(task);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
        if (tasks.isEmpty()) {
            throw new SeedFileException(name, 0, "no seed tasks");
        }
        return new SeedPool(tasks);
    }

    private static SeedTask parseLine(String name, int number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new SeedFileException(name, number, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new SeedFileException(name, number, "expected a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new SeedFileException(name, number, "unknown field '" + field + "'; expected " + FIELDS);
            }
        }
        String input = node.has("input") ? text(name, number, node, "input") : "";
        return new SeedTask(nonBlank(name, number, node, "id"), nonBlank(name, number, node, "instruction"), input,
                nonBlank(name, number, node, "output"), category(name, number, nonBlank(name, number, node, "category")));
    }

    private static String nonBlank(String name, int number, JsonNode node, String field) {
        String value = text(name, number, node, field);
        if (value.isBlank()) {
            throw new SeedFileException(name, number, "'" + field + "' is empty");
        }
        return value;
    }

    private static String text(String name, int number, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new SeedFileException(name, number, "'" + field + "' is missing");
        }
        if (!value.isTextual()) {
            throw new SeedFileException(name, number, "'" + field + "' must be a string");
        }
        return value.textValue().strip();
    }

    private static Category category(String name, int number, String value) {
        try {
            return Category.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SeedFileException(name, number, "category '" + value + "' is not one of QA, IE, GEN, OTHER");
        }
    }

    public List<SeedTask> tasks() {
        return tasks;
    }

    public int size() {
        return tasks.size();
    }

    /**
     * {@code k} distinct seeds drawn uniformly at random without replacement (a partial Fisher-Yates
     * shuffle), so the same {@code random} state always gives the same picks.
     */
    public List<SeedTask> sample(int k, Random random) {
        return Sampling.withoutReplacement(tasks, k, random);
    }
}
