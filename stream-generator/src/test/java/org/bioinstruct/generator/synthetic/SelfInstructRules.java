package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** An independent statement of Self-Instruct's validation rules, to measure what the generator emits. */
final class SelfInstructRules {
    private static final List<String> BLACKLIST = List.of("image", "images", "graph", "graphs", "picture", "pictures",
            "file", "files", "map", "maps", "draw", "plot", "go to", "video", "audio", "music", "flowchart", "diagram");

    private SelfInstructRules() {
    }

    static boolean breaksARule(CandidateTask task) {
        return !violation(task).isEmpty();
    }

    static String violation(CandidateTask task) {
        String instruction = task.instruction();
        int words = instruction.trim().isEmpty() ? 0 : instruction.trim().split("\\s+").length;
        if (words <= 3 || words > 150) {
            return words <= 3 ? "TOO_SHORT" : "TOO_LONG";
        }
        char first = instruction.charAt(0);
        if (first > 127 || Pattern.matches("\\p{Punct}", String.valueOf(first))) {
            return "BAD_FIRST_CHAR";
        }
        if (instruction.startsWith("Write a program")) {
            return "WRITE_A_PROGRAM";
        }
        String lower = instruction.toLowerCase(Locale.ROOT);
        if (BLACKLIST.stream().anyMatch(w -> Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(lower).find())) {
            return "BLACKLISTED_WORD";
        }
        if (task.output().isBlank()) {
            return "EMPTY_OUTPUT";
        }
        if (task.input().trim().equals(task.output().trim())) {
            return "INPUT_EQUALS_OUTPUT";
        }
        return "";
    }
}
