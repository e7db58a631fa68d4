package org.bioinstruct.filter.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioinstruct.filter.RejectReason;

/**
 * Self-Instruct's validation heuristics (Wang et al. 2023, bootstrap_instructions.py and
 * prepare_for_finetuning.py): instruction length in words, a blacklist of words asking for things a
 * language model cannot produce, no "Write a program" tasks, no instruction starting with punctuation or a
 * non-ASCII character, and an output that is non-empty, not the input repeated and not cut off at a colon.
 */
public final class SelfInstructRules {
    /** Python's {@code string.punctuation}. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String WRITE_A_PROGRAM = "Write a program";

    private SelfInstructRules() {
    }

    /** @param minWords fewest words an instruction may have (Self-Instruct rejects 3 or fewer, so 4) */
    public static Rule tooShort(int minWords) {
        return new Rule(RejectReason.TOO_SHORT, task -> {
            int words = Text.wordCount(task.getInstruction());
            return words >= minWords ? Optional.empty() : Optional.of("instruction has " + words
                    + " words, fewer than " + minWords + ": '" + Text.abbreviate(task.getInstruction()) + "'");
        });
    }

    public static Rule tooLong(int maxWords) {
        return new Rule(RejectReason.TOO_LONG, task -> {
            int words = Text.wordCount(task.getInstruction());
            return words <= maxWords ? Optional.empty()
                    : Optional.of("instruction has " + words + " words, more than " + maxWords);
        });
    }

    /** The first visible character: Self-Instruct strips the instruction before looking at it. */
    public static Rule badFirstChar() {
        return new Rule(RejectReason.BAD_FIRST_CHAR, task -> {
            int first = Text.firstVisibleCodePoint(task.getInstruction());
            if (first == Text.NOT_FOUND || (first < 128 && PUNCTUATION.indexOf(first) < 0)) {
                return Optional.empty();
            }
            return Optional.of("instruction starts with " + (first < 128 ? "punctuation" : "non-ASCII")
                    + " character '" + Character.toString(first) + "'");
        });
    }

    /** Any case: Self-Instruct capitalizes instructions before this check. */
    public static Rule writeAProgram() {
        return new Rule(RejectReason.WRITE_A_PROGRAM, task -> {
            String instruction = task.getInstruction().strip();
            return instruction.regionMatches(true, 0, WRITE_A_PROGRAM, 0, WRITE_A_PROGRAM.length())
                    ? Optional.of("instruction starts with '" + WRITE_A_PROGRAM + "'") : Optional.empty();
        });
    }

    /** Whole words (or phrases) in any case, in the instruction only. */
    public static Rule blacklistedWord(List<String> words) {
        Pattern blacklist = Pattern.compile(words.stream().map(Pattern::quote)
                .reduce((a, b) -> a + "|" + b).map(alternatives -> "\\b(" + alternatives + ")\\b").orElse("(?!)"),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new Rule(RejectReason.BLACKLISTED_WORD, task -> {
            Matcher found = blacklist.matcher(task.getInstruction());
            return found.find() ? Optional.of("instruction contains blacklisted word '"
                    + found.group(1).toLowerCase(Locale.ROOT) + "'") : Optional.empty();
        });
    }

    public static Rule emptyOutput() {
        return new Rule(RejectReason.EMPTY_OUTPUT, task -> task.getOutput().isBlank()
                ? Optional.of("output is empty") : Optional.empty());
    }

    public static Rule inputEqualsOutput() {
        return new Rule(RejectReason.INPUT_EQUALS_OUTPUT, task -> task.getInput().strip().equals(task.getOutput().strip())
                ? Optional.of("output repeats the input: '" + Text.abbreviate(task.getOutput()) + "'") : Optional.empty());
    }

    /** Input or output ending with ':' is usually a generation cut off before its content. */
    public static Rule endsWithColon() {
        return new Rule(RejectReason.ENDS_WITH_COLON, task -> {
            for (Field field : List.of(Field.INPUT, Field.OUTPUT)) {
                String text = field.of(task).strip();
                if (text.endsWith(":")) {
                    return Optional.of(field.label() + " ends with ':', likely cut off: '"
                            + Text.tail(text) + "'");
                }
            }
            return Optional.empty();
        });
    }
}
