package org.bioinstruct.filter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * Self-Instruct's validation heuristics: instruction length in words, a blacklist of words asking for
 * things a language model cannot produce (whole words, any case), no "Write a program" tasks, no
 * instruction starting with punctuation or a non-ASCII character, a non-empty output that is not just
 * the input repeated. The first rule broken is reported.
 */
public final class FilterRules {
    public static final List<String> SELF_INSTRUCT_BLACKLIST = List.of("image", "images", "graph", "graphs",
            "picture", "pictures", "file", "files", "map", "maps", "draw", "plot", "go to", "video", "audio", "music",
            "flowchart", "diagram");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final int minWords;
    private final int maxWords;
    private final Pattern blacklist;

    /**
     * @param minWords fewest words an instruction may have (Self-Instruct rejects 3 or fewer, so 4)
     * @param maxWords most words an instruction may have
     */
    public FilterRules(int minWords, int maxWords, List<String> blacklistedWords) {
        this.minWords = minWords;
        this.maxWords = maxWords;
        this.blacklist = Pattern.compile(blacklistedWords.stream().map(Pattern::quote)
                .reduce((a, b) -> a + "|" + b).map(words -> "\\b(" + words + ")\\b").orElse("(?!)"),
                Pattern.CASE_INSENSITIVE);
    }

    public static FilterRules defaults() {
        return new FilterRules(4, 150, SELF_INSTRUCT_BLACKLIST);
    }

    public Optional<Violation> check(RawInstruction task) {
        String instruction = task.getInstruction();
        int words = wordCount(instruction);
        if (words < minWords) {
            return violation(RejectReason.TOO_SHORT, "instruction has " + words + " words, fewer than " + minWords
                    + ": '" + instruction + "'");
        }
        if (words > maxWords) {
            return violation(RejectReason.TOO_LONG, "instruction has " + words + " words, more than " + maxWords);
        }
        char first = instruction.charAt(0);
        if (PUNCTUATION.indexOf(first) >= 0 || first > 127) {
            return violation(RejectReason.BAD_FIRST_CHAR, "instruction starts with "
                    + (first > 127 ? "non-ASCII" : "punctuation") + " character '" + first + "'");
        }
        if (instruction.startsWith("Write a program")) {
            return violation(RejectReason.WRITE_A_PROGRAM, "instruction starts with 'Write a program'");
        }
        Matcher blacklisted = blacklist.matcher(instruction);
        if (blacklisted.find()) {
            return violation(RejectReason.BLACKLISTED_WORD, "instruction contains blacklisted word '"
                    + blacklisted.group(1).toLowerCase(Locale.ROOT) + "'");
        }
        if (task.getOutput().isBlank()) {
            return violation(RejectReason.EMPTY_OUTPUT, "output is empty");
        }
        if (task.getInput().strip().equals(task.getOutput().strip())) {
            return violation(RejectReason.INPUT_EQUALS_OUTPUT, "output repeats the input: '" + abbreviate(task.getOutput())
                    + "'");
        }
        return Optional.empty();
    }

    private static int wordCount(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : WHITESPACE.split(trimmed).length;
    }

    private static Optional<Violation> violation(RejectReason reason, String detail) {
        return Optional.of(new Violation(reason, reason + ": " + detail));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
