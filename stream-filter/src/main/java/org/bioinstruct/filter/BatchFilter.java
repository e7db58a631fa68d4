package org.bioinstruct.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bioinstruct.filter.neardup.Match;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;

/**
 * The filter over a JSONL file, in file order, with the same stages as the streaming topology: rules,
 * exact dedup, near duplicates against everything accepted before, categorization. Input lines are
 * objects with {@code id, instruction, input, output} and an optional {@code category}; accepted lines
 * keep them and add the category, rejected lines add the reason code. A line that is not such an object is
 * rejected as {@code UNDECODABLE} (id {@code line-N}) so every input line is accounted for.
 */
public final class BatchFilter {
    public static final String UNDECODABLE = "UNDECODABLE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FilterRules rules;
    private final NearDuplicateStage nearDuplicates;
    private final Verdicts verdicts;
    private final Map<String, String> seenContent = new HashMap<>();
    private final Map<String, Long> counts = new TreeMap<>();

    public BatchFilter(FilterRules rules, NearDuplicateSettings nearDuplicates, Clock clock) {
        this.rules = rules;
        this.nearDuplicates = new NearDuplicateStage(nearDuplicates);
        this.verdicts = new Verdicts(clock);
    }

    /** Result of a run: how many lines, accepted, rejected per reason, and the time it took. */
    public record Summary(long lines, long accepted, Map<String, Long> rejectedByReason, double seconds) {
        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        public double linesPerSecond() {
            return lines / Math.max(seconds, 1e-9);
        }
    }

    /** Told every {@code every} lines how far the run is, with the rate over the last stretch. */
    @FunctionalInterface
    public interface Progress {
        void report(long lines, long accepted, double linesPerSecondSinceLastReport);
    }

    public Summary run(Path input, Path acceptedOut, Path rejectedOut) throws IOException {
        return run(input, acceptedOut, rejectedOut, 0, (lines, accepted, rate) -> { });
    }

    public Summary run(Path input, Path acceptedOut, Path rejectedOut, long every, Progress progress)
            throws IOException {
        long start = System.nanoTime();
        long windowStart = start;
        long lines = 0;
        long accepted = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             BufferedWriter acceptedWriter = Files.newBufferedWriter(acceptedOut, StandardCharsets.UTF_8);
             BufferedWriter rejectedWriter = Files.newBufferedWriter(rejectedOut, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                Object verdict = decide(line, lines);
                if (verdict instanceof AcceptedInstruction a) {
                    accepted++;
                    write(acceptedWriter, acceptedLine(a));
                } else {
                    RejectedInstruction r = (RejectedInstruction) verdict;
                    counts.merge(r.getReason(), 1L, Long::sum);
                    write(rejectedWriter, rejectedLine(r));
                }
                if (every > 0 && lines % every == 0) {
                    long now = System.nanoTime();
                    progress.report(lines, accepted, every / ((now - windowStart) / 1e9));
                    windowStart = now;
                }
            }
        }
        return new Summary(lines, accepted, Map.copyOf(counts), (System.nanoTime() - start) / 1e9);
    }

    /** An AcceptedInstruction or a RejectedInstruction for one input line. */
    Object decide(String line, long lineNumber) {
        RawInstruction task;
        try {
            task = parse(line, lineNumber);
        } catch (IOException | IllegalArgumentException e) {
            return undecodable(line, lineNumber, e);
        }
        Optional<Violation> violation = rules.check(task);
        if (violation.isPresent()) {
            return verdicts.reject(task, violation.get());
        }
        String firstId = seenContent.putIfAbsent(ContentHash.of(task), task.getId());
        if (firstId != null) {
            return verdicts.duplicate(task, firstId);
        }
        Optional<Match> nearest = nearDuplicates.nearest(task);
        if (nearDuplicates.tooNear(nearest)) {
            return verdicts.nearDuplicate(task, nearest.get());
        }
        nearDuplicates.accept(task);
        return verdicts.accept(task, nearest);
    }

    private static RawInstruction parse(String line, long lineNumber) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String id = text(node, "id", "line-" + lineNumber);
        String instruction = required(node, "instruction");
        String output = required(node, "output");
        return RawInstruction.newBuilder()
                .setId(id)
                .setRunId("batch")
                .setInstruction(instruction)
                .setInput(text(node, "input", ""))
                .setOutput(output)
                .setProposedCategory(category(text(node, "category", "")))
                .setSource(text(node, "source", "batch"))
                .setCreatedAt(Instant.EPOCH)
                .build();
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a string");
        }
        return value.asText();
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static Category category(String name) {
        try {
            return name.isBlank() ? null : Category.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static RejectedInstruction undecodable(String line, long lineNumber, Exception error) {
        return RejectedInstruction.newBuilder()
                .setId("line-" + lineNumber).setRunId("batch").setInstruction("").setInput("")
                .setOutput(line.length() > 200 ? line.substring(0, 200) : line).setSource("batch")
                .setReason(UNDECODABLE).setDetail("line " + lineNumber + ": " + error.getMessage())
                .setCreatedAt(Instant.EPOCH).setRejectedAt(Instant.EPOCH).build();
    }

    private static ObjectNode acceptedLine(AcceptedInstruction a) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", a.getId()).put("instruction", a.getInstruction()).put("input", a.getInput())
                .put("output", a.getOutput()).put("category", a.getCategory().name())
                .put("confidence", a.getCategoryConfidence());
        if (a.getNearestId() != null) {
            out.put("nearestId", a.getNearestId()).put("nearestSimilarity", a.getNearestSimilarity());
        }
        return out;
    }

    private static ObjectNode rejectedLine(RejectedInstruction r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", r.getId()).put("instruction", r.getInstruction()).put("input", r.getInput())
                .put("output", r.getOutput()).put("reason", r.getReason()).put("detail", r.getDetail());
        if (r.getNearestId() != null) {
            out.put("nearestId", r.getNearestId()).put("similarity", r.getSimilarity());
        }
        return out;
    }

    private static void write(BufferedWriter writer, ObjectNode line) throws IOException {
        writer.write(JSON.writeValueAsString(line));
        writer.newLine();
    }

    long nearDuplicateIndexBytes() {
        return nearDuplicates.approximateBytes();
    }
}
