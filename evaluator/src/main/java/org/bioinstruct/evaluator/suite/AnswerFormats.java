package org.bioinstruct.evaluator.suite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer layouts the generator's tasks use, read from gold outputs and model outputs alike: lettered options
 * ({@code A. text} lines), {@code token : TAG} lines, entity lists (one per line, or comma-separated) and
 * relation lists ({@code a: b; c: d}).
 */
public final class AnswerFormats {
    private static final Pattern OPTION_LINE = Pattern.compile("^([A-Z])\\. (.+)$");
    private static final Pattern TAG_LINE = Pattern.compile("^(.+?) : (O|[BI]-\\S.*)$");
    private static final String NONE = "none";

    private AnswerFormats() {
    }

    /** Lettered option lines of a text, in order, as they are written ({@code "B. metformin"}). */
    public static List<String> optionLines(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (OPTION_LINE.matcher(line.strip()).matches()) {
                options.add(line.strip());
            }
        }
        return options;
    }

    /** The letter an answer such as {@code "B. metformin"} starts with, or null. */
    public static String optionLetter(String answer) {
        Matcher m = OPTION_LINE.matcher(answer.strip());
        return m.matches() ? m.group(1) : null;
    }

    /** True when every non-blank line is {@code token : TAG}. */
    public static boolean isTagLines(String text) {
        List<String> lines = nonBlankLines(text);
        return !lines.isEmpty() && lines.stream().allMatch(l -> TAG_LINE.matcher(l).matches());
    }

    public static List<String> tokensOfTagLines(String text) {
        return tagLineParts(text, 1);
    }

    /** The tags of the well-formed {@code token : TAG} lines, in order; other lines are skipped. */
    public static List<String> tagsOfTagLines(String text) {
        return tagLineParts(text, 2);
    }

    /**
     * The items of an entity or relation list, normalized (lowercase, single spaces, no trailing period):
     * one per line when there are several lines, else split at semicolons, else at commas. "None" is no items.
     */
    public static Set<String> items(String text) {
        List<String> lines = nonBlankLines(text);
        List<String> raw;
        if (lines.size() > 1) {
            raw = lines;
        } else if (lines.isEmpty()) {
            raw = List.of();
        } else if (lines.get(0).contains(";")) {
            raw = List.of(lines.get(0).split(";"));
        } else {
            raw = List.of(lines.get(0).split(","));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String item : raw) {
            String normalized = normalizeItem(item);
            if (!normalized.isEmpty() && !normalized.equals(NONE)) {
                out.add(normalized);
            }
        }
        return out;
    }

    /** Relation items are {@code left: right} pairs. */
    public static boolean isRelationList(Set<String> items) {
        return !items.isEmpty() && items.stream().allMatch(i -> i.indexOf(':') > 0);
    }

    static String normalizeItem(String item) {
        String s = item.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.replaceAll("\\s*:\\s*", ": ");
    }

    private static List<String> tagLineParts(String text, int group) {
        List<String> out = new ArrayList<>();
        for (String line : nonBlankLines(text)) {
            Matcher m = TAG_LINE.matcher(line);
            if (m.matches()) {
                out.add(m.group(group).strip());
            }
        }
        return out;
    }

    private static List<String> nonBlankLines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
