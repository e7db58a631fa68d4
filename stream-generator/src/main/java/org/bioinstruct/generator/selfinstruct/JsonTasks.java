package org.bioinstruct.generator.selfinstruct;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the tasks in the first task-shaped JSON value of a response (inside fences or prose or not): an
 * array of task objects, an object holding such an array, or a single task object. When the JSON breaks off
 * (a truncated answer) every complete object before the cut is kept.
 */
final class JsonTasks {
    /** Models write slightly wrong JSON; accept the common slips. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();
    /** Preferred names of the array inside a wrapper object. */
    private static final Set<String> LIST_FIELDS = Set.of("tasks", "instructions", "items", "data", "examples");
    /** Bounds the work spent on brackets in prose before the real JSON. */
    private static final int MAX_STARTS = 64;

    private JsonTasks() {
    }

    /** Adds the JSON tasks of {@code text} to {@code out}; false when the text holds no task-shaped JSON. */
    static boolean collect(String text, boolean truncated, ParseCollector out) {
        char[] chars = text.toCharArray();
        int tried = 0;
        for (int start = nextStart(chars, 0); start >= 0 && tried < MAX_STARTS; start = nextStart(chars, start + 1)) {
            tried++;
            JsonNode value;
            try {
                value = readValue(chars, start);
            } catch (IOException e) {
                int array = arrayOfObjects(chars, start);
                if (array >= 0) {
                    recover(chars, array, truncated, out);
                    return true;
                }
                if (chars[start] == '{' && text.substring(start).toLowerCase(Locale.ROOT).contains("\"instruction\"")) {
                    cutOff(truncated, out, "a task object that never closes", text.substring(start));
                    return true;
                }
                continue;
            }
            List<JsonNode> items = taskItems(value);
            if (items != null) {
                for (int i = 0; i < items.size(); i++) {
                    out.add(TaskFields.fromJson(items.get(i)), i + 1, items.get(i).toString());
                }
                return true;
            }
        }
        return false;
    }

    private static int nextStart(char[] chars, int from) {
        for (int i = from; i < chars.length; i++) {
            if (chars[i] == '[' || chars[i] == '{') {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode readValue(char[] chars, int start) throws IOException {
        try (JsonParser parser = JSON.createParser(chars, start, chars.length - start)) {
            return JSON.readTree(parser);
        }
    }

    /** The items of a task-shaped value, or null when it is not one (e.g. a bracket in prose). */
    private static List<JsonNode> taskItems(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isArray()) {
            return value.isEmpty() || holdsObject(value) ? elements(value) : null;
        }
        if (!value.isObject()) {
            return null;
        }
        if (isTask(value)) {
            return List.of(value);
        }
        JsonNode list = null;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            boolean candidate = field.getValue().isArray() && (field.getValue().isEmpty() || holdsObject(field.getValue()));
            if (candidate && (list == null || LIST_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT)))) {
                list = field.getValue();
            }
        }
        return list == null ? null : elements(list);
    }

    private static boolean isTask(JsonNode object) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (TaskFields.INSTRUCTION.equals(TaskFields.role(names.next()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsObject(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    /** The first '[' at or after {@code from} whose first element is an object, or -1. */
    private static int arrayOfObjects(char[] chars, int from) {
        for (int i = from; i < chars.length; i++) {
            if (chars[i] == '[') {
                int next = i + 1;
                while (next < chars.length && Character.isWhitespace(chars[next])) {
                    next++;
                }
                if (next < chars.length && chars[next] == '{') {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Streams the array at {@code start} element by element, keeping every element that is complete. */
    private static void recover(char[] chars, int start, boolean truncated, ParseCollector out) {
        int position = 0;
        try (JsonParser parser = JSON.createParser(chars, start, chars.length - start)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    cutOff(truncated, out, "JSON array never closes after item " + position, "");
                    return;
                }
                position++;
                JsonNode item = JSON.readTree(parser);
                out.add(TaskFields.fromJson(item), position, item.toString());
            }
        } catch (JsonProcessingException e) {
            cutOff(truncated, out, "JSON breaks off in item " + (position == 0 ? 1 : position) + " ("
                    + e.getOriginalMessage() + ")", "");
        } catch (IOException e) {
            cutOff(truncated, out, "unreadable JSON: " + e.getMessage(), "");
        }
    }

    /** A cut in a truncated answer is expected and drops the partial item; otherwise it is malformed. */
    private static void cutOff(boolean truncated, ParseCollector out, String reason, String raw) {
        if (truncated) {
            out.droppedPartial();
        } else {
            out.malformed(reason, raw);
        }
    }
}
