package org.bioinstruct.generator.selfinstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks written as labelled text: Alpaca's numbered "1. Instruction: ... 1. Input: ... 1. Output: ..."
 * (with or without "###" separators), "### Instruction" heading blocks, "Task 1:" blocks and bold
 * "**Instruction:**" labels. A label for a field the current task already has is read as text.
 */
final class LabelledTextTasks {
    private static final String LABEL = "(instruction|input|context|output|response|answer|category)";
    private static final String NUMBERING = "(?:(?:task|example)\\s*#?\\s*\\d+\\s*[:.)\\-]?\\s*|\\d{1,3}\\s*[.)]\\s*)?";
    private static final String LINE_START = "^\\s*(?:#{1,6}\\s*)?" + NUMBERING + "[*_]*\\s*" + LABEL + "\\s*[*_]*\\s*";
    private static final Pattern LABEL_WITH_TEXT = Pattern.compile(LINE_START + "[:\\uFF1A]\\s*[*_]*\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL_ALONE = Pattern.compile(LINE_START + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TASK_HEADING = Pattern.compile(
            "^\\s*(?:#{1,6}\\s*)?[*_]*\\s*(?:task|example)\\s*#?\\s*\\d+\\s*[*_]*\\s*[:.)\\-]?\\s*[*_]*\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR = Pattern.compile("^\\s*(?:#{2,}|-{3,}|={3,}|\\*{3,}|_{3,})\\s*$");
    private static final Pattern BARE_NUMBER = Pattern.compile("^\\s*\\d{1,3}\\s*[.)]\\s*$");

    private final List<Map<String, StringBuilder>> items = new ArrayList<>();
    private final List<String> raws = new ArrayList<>();
    private Map<String, StringBuilder> current;
    private StringBuilder currentRaw;
    private String field;

    private LabelledTextTasks() {
    }

    /** Adds the labelled tasks of {@code text} to {@code out}; false when it has no labelled task at all. */
    static boolean collect(String text, boolean truncated, ParseCollector out) {
        LabelledTextTasks reader = new LabelledTextTasks();
        text.lines().forEach(reader::line);
        reader.startItem();
        if (reader.items.isEmpty()) {
            return false;
        }
        int usable = reader.items.size();
        if (truncated) {
            usable--;
            out.droppedPartial();
        }
        for (int i = 0; i < usable; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            reader.items.get(i).forEach((role, value) -> fields.put(role, value.toString()));
            out.add(TaskFields.fromText(fields), i + 1, reader.raws.get(i));
        }
        return true;
    }

    private void line(String line) {
        Matcher label = LABEL_WITH_TEXT.matcher(line);
        if (label.matches() || (label = LABEL_ALONE.matcher(line)).matches()) {
            labelled(line, TaskFields.role(label.group(1)), label.groupCount() > 1 ? label.group(2) : "");
            return;
        }
        Matcher heading = TASK_HEADING.matcher(line);
        if (heading.matches()) {
            startItem();
            field = null;
            if (!heading.group(1).isBlank()) {
                setField(TaskFields.INSTRUCTION, heading.group(1));
            }
            currentRaw.append(line).append('\n');
            return;
        }
        if (SEPARATOR.matcher(line).matches() || BARE_NUMBER.matcher(line).matches()) {
            field = null;
            return;
        }
        if (field != null) {
            current.get(field).append('\n').append(line);
            currentRaw.append(line).append('\n');
        }
    }

    private void labelled(String line, String role, String text) {
        boolean freshTask = current == null || (TaskFields.INSTRUCTION.equals(role) && !current.isEmpty());
        if (freshTask) {
            startItem();
        } else if (current.containsKey(role)) {
            if (field != null) {
                current.get(field).append('\n').append(line);
                currentRaw.append(line).append('\n');
            }
            return;
        }
        setField(role, text);
        currentRaw.append(line).append('\n');
    }

    private void setField(String role, String text) {
        current.put(role, new StringBuilder(text));
        field = role;
    }

    private void startItem() {
        if (current != null && !current.isEmpty()) {
            items.add(current);
            raws.add(currentRaw.toString());
        }
        current = new LinkedHashMap<>();
        currentRaw = new StringBuilder();
        field = null;
    }
}
