package org.bioinstruct.evaluator.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;

/**
 * External benchmark files in their standard layouts, read into evaluation items with instructions like the
 * generator's corpus tasks: PubMedQA (JSON), MedQA 4-option (JSONL), NCBI-disease and BC5CDR (CoNLL: token
 * and BIO tag per line, blank line between sentences), MedNLI (JSONL).
 */
public enum BenchmarkFormat {
    PUBMEDQA("pubmedqa"),
    MEDQA("medqa"),
    NCBI_DISEASE("ncbi-disease"),
    BC5CDR("bc5cdr"),
    MEDNLI("mednli");

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PUBMEDQA_INSTRUCTION = "Answer the research question based on the abstract. Reply with yes, no or maybe.";
    static final String MEDQA_INSTRUCTION = "Answer the following multiple-choice medical question. Give the letter and the text of the correct option.";
    static final String NER_INSTRUCTION = "Label the tokens of this biomedical sentence with the BIO scheme, marking %s entities.";
    static final String MEDNLI_INSTRUCTION = "Determine the inference label for this premise and hypothesis pair: entailment, neutral, or contradiction.";

    private final String suiteName;

    BenchmarkFormat(String suiteName) {
        this.suiteName = suiteName;
    }

    public String suiteName() {
        return suiteName;
    }

    public static BenchmarkFormat bySuiteName(String name) {
        return Arrays.stream(values()).filter(f -> f.suiteName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown benchmark '" + name + "'; one of "
                        + Arrays.stream(values()).map(BenchmarkFormat::suiteName).collect(Collectors.joining(", "))));
    }

    /** Reads the file; a malformed record fails with its line (or key) and the problem. */
    public Suite read(Path file) {
        try {
            List<Example> examples = switch (this) {
                case PUBMEDQA -> pubMedQa(file);
                case MEDQA -> jsonLines(file, this::medQa);
                case NCBI_DISEASE, BC5CDR -> conll(file);
                case MEDNLI -> jsonLines(file, this::medNli);
            };
            if (examples.isEmpty()) {
                throw new BenchmarkFileException(file, "no records");
            }
            return Suite.of(suiteName, examples.stream()
                    .map(e -> new EvalItem(e, TaskClassifier.classify(e))).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + suiteName + " file " + file, e);
        }
    }

    private List<Example> pubMedQa(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<Example> out = new ArrayList<>();
        if (root.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.add(pubMedQaRecord(file, f.getKey(), f.getValue()));
            }
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                out.add(pubMedQaRecord(file, Integer.toString(i + 1), root.get(i)));
            }
        } else {
            throw new BenchmarkFileException(file, "expected a JSON object of id to record, or an array of records");
        }
        return out;
    }

    private Example pubMedQaRecord(Path file, String key, JsonNode r) {
        String question = text(r, "question", "QUESTION");
        JsonNode contextNode = r.has("context") ? r.get("context") : r.get("CONTEXTS");
        String decision = text(r, "final_decision").toLowerCase(Locale.ROOT);
        if (question.isEmpty() || contextNode == null || !List.of("yes", "no", "maybe").contains(decision)) {
            throw new BenchmarkFileException(file, "record " + key
                    + ": needs question, context and final_decision yes/no/maybe");
        }
        List<String> contexts = new ArrayList<>();
        if (contextNode.isArray()) {
            contextNode.forEach(c -> contexts.add(c.asText()));
        } else {
            contexts.add(contextNode.asText());
        }
        String input = "Question: " + question + "\nAbstract: " + String.join(" ", contexts);
        return example(key, PUBMEDQA_INSTRUCTION, input, decision, Category.QA);
    }

    private Example medQa(Path file, int line, JsonNode r) {
        JsonNode options = r.get("options");
        String letter = text(r, "answer_idx");
        if (text(r, "question").isEmpty() || options == null || !options.isObject() || !options.has(letter)) {
            throw new BenchmarkFileException(file, "line " + line + ": needs question, options {A..D} and an answer_idx among them");
        }
        StringBuilder input = new StringBuilder(text(r, "question"));
        options.fields().forEachRemaining(o -> input.append('\n').append(o.getKey()).append(". ").append(o.getValue().asText()));
        String answer = letter + ". " + options.get(letter).asText();
        return example(Integer.toString(line), MEDQA_INSTRUCTION, input.toString(), answer, Category.QA);
    }

    private Example medNli(Path file, int line, JsonNode r) {
        String label = text(r, "gold_label").toLowerCase(Locale.ROOT);
        if (text(r, "sentence1").isEmpty() || text(r, "sentence2").isEmpty()
                || !List.of("entailment", "neutral", "contradiction").contains(label)) {
            throw new BenchmarkFileException(file, "line " + line
                    + ": needs sentence1, sentence2 and gold_label entailment/neutral/contradiction");
        }
        String input = "Premise: " + text(r, "sentence1") + "\nHypothesis: " + text(r, "sentence2");
        return example(Integer.toString(line), MEDNLI_INSTRUCTION, input, label, Category.OTHER);
    }

    private List<Example> conll(Path file) throws IOException {
        List<Example> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).strip() : "";
            if (line.isEmpty() || line.startsWith("-DOCSTART-")) {
                if (!tokens.isEmpty()) {
                    out.add(nerExample(Integer.toString(out.size() + 1), tokens, tags));
                    tokens.clear();
                    tags.clear();
                }
                continue;
            }
            String[] columns = line.split("\\s+");
            String tag = columns[columns.length - 1];
            if (columns.length < 2 || !tag.matches("O|[BI]-\\S+")) {
                throw new BenchmarkFileException(file, "line " + (i + 1) + ": expected 'token TAG' with a BIO tag, found '" + line + "'");
            }
            tokens.add(columns[0]);
            tags.add(tag);
        }
        return out;
    }

    private Example nerExample(String id, List<String> tokens, List<String> tags) {
        String type = this == NCBI_DISEASE ? "disease" : "chemical and disease";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            lines.add(tokens.get(i) + " : " + tags.get(i));
        }
        return example(id, String.format(NER_INSTRUCTION, type), String.join(" ", tokens), String.join("\n", lines),
                Category.IE);
    }

    private List<Example> jsonLines(Path file, LineParser parser) throws IOException {
        List<Example> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new BenchmarkFileException(file, "line " + (i + 1) + ": not JSON: " + e.getMessage());
            }
            out.add(parser.parse(file, i + 1, node));
        }
        return out;
    }

    private interface LineParser {
        Example parse(Path file, int line, JsonNode record);
    }

    private Example example(String key, String instruction, String input, String output, Category category) {
        return new Example(suiteName + ":" + key, instruction, input, output, category, suiteName);
    }

    private static String text(JsonNode record, String... names) {
        for (String name : names) {
            JsonNode v = record.get(name);
            if (v != null && !v.isNull()) {
                return v.asText().strip();
            }
        }
        return "";
    }

    /** A benchmark file that does not have its format's layout. */
    public static final class BenchmarkFileException extends RuntimeException {
        public BenchmarkFileException(Path file, String message) {
            super(file + ": " + message);
        }
    }
}
