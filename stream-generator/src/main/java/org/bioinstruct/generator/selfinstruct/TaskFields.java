package org.bioinstruct.generator.selfinstruct;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;

/** Turns one parsed item (a JSON object or labelled text fields) into a task, or says what is wrong with it. */
final class TaskFields {
    static final String INSTRUCTION = "instruction";
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String CATEGORY = "category";

    /** Field names models use, lowercased, to the role they play. */
    private static final Map<String, String> ROLES = Map.of(
            "instruction", INSTRUCTION,
            "input", INPUT, "context", INPUT,
            "output", OUTPUT, "response", OUTPUT, "answer", OUTPUT,
            "category", CATEGORY, "type", CATEGORY, "task_type", CATEGORY);
    private static final Set<String> NO_INPUT = Set.of("<noinput>", "<no input>", "noinput", "no input", "<none>",
            "(none)", "none", "n/a", "na", "null", "nil", "-", "\"\"", "empty");

    /** A task, or the reason there is none. */
    record Item(CandidateTask task, String problem) {
        static Item bad(String problem) {
            return new Item(null, problem);
        }
    }

    private TaskFields() {
    }

    static String role(String fieldName) {
        return ROLES.get(fieldName.strip().toLowerCase(Locale.ROOT));
    }

    static Item fromJson(JsonNode node) {
        if (!node.isObject()) {
            return Item.bad("a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " where a task object belongs");
        }
        Map<String, JsonNode> fields = new HashMap<>();
        node.properties().forEach(e -> {
            String role = role(e.getKey());
            if (role != null) {
                fields.putIfAbsent(role, e.getValue());
            }
        });
        firstInstance(node.get("instances"), fields);
        try {
            return build(text(fields, INSTRUCTION), text(fields, INPUT), text(fields, OUTPUT), text(fields, CATEGORY));
        } catch (WrongType e) {
            return Item.bad(e.getMessage());
        }
    }

    /** Self-Instruct's own format keeps input and output in {@code "instances": [{input, output}]}. */
    private static void firstInstance(JsonNode instances, Map<String, JsonNode> fields) {
        if (fields.containsKey(OUTPUT) || instances == null || !instances.isArray() || instances.isEmpty()
                || !instances.get(0).isObject()) {
            return;
        }
        instances.get(0).properties().forEach(e -> {
            String role = role(e.getKey());
            if (INPUT.equals(role) || OUTPUT.equals(role)) {
                fields.putIfAbsent(role, e.getValue());
            }
        });
    }

    private static String text(Map<String, JsonNode> fields, String role) {
        JsonNode value = fields.get(role);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        boolean scalarAllowed = !INSTRUCTION.equals(role);
        if (scalarAllowed && (value.isNumber() || value.isBoolean())) {
            return value.asText();
        }
        throw new WrongType(role + " must be text, not " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    static Item fromText(Map<String, String> fields) {
        return build(fields.get(INSTRUCTION), fields.get(INPUT), fields.get(OUTPUT), fields.get(CATEGORY));
    }

    static Item build(String instruction, String input, String output, String category) {
        if (instruction == null || instruction.isBlank()) {
            return Item.bad("missing instruction");
        }
        if (output == null || output.isBlank()) {
            return Item.bad("missing output");
        }
        return new Item(new CandidateTask(instruction.strip(), input(input), output.strip(), category(category)),
                null);
    }

    /** Models write "no input" in many ways; all of them mean the empty input. */
    static String input(String raw) {
        if (raw == null) {
            return "";
        }
        String stripped = raw.strip();
        return NO_INPUT.contains(stripped.toLowerCase(Locale.ROOT)) ? "" : stripped;
    }

    /** Case-insensitive, with the usual synonyms; anything unrecognized is OTHER. */
    static Category category(String raw) {
        if (raw == null) {
            return Category.OTHER;
        }
        String words = " " + raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip() + " ";
        if (words.contains(" qa ") || words.contains(" question answering ")) {
            return Category.QA;
        }
        if (words.contains(" ie ") || words.contains(" extraction ")) {
            return Category.IE;
        }
        if (words.contains(" gen ") || words.contains(" generation ")) {
            return Category.GEN;
        }
        return Category.OTHER;
    }

    private static final class WrongType extends RuntimeException {
        WrongType(String message) {
            super(message, null, false, false);
        }
    }
}
