package org.bioinstruct.filter.rules;

import java.util.Map;
import java.util.Optional;
import org.bioinstruct.filter.RejectReason;

/**
 * Rules about the bytes rather than the task: text that was not valid UTF-8, stray control characters and
 * oversized fields. Checked first, so the other rules never scan a huge or broken string.
 */
public final class HygieneRules {
    private HygieneRules() {
    }

    public static Rule invalidUtf8() {
        return new Rule(RejectReason.INVALID_UTF8, task -> {
            for (Field field : Field.values()) {
                int at = Text.firstMalformed(field.of(task));
                if (at != Text.NOT_FOUND) {
                    char c = field.of(task).charAt(at);
                    return Optional.of(field.label() + " is not valid UTF-8: "
                            + (c == '\uFFFD' ? "replacement character U+FFFD" : "unpaired surrogate " + Text.codePointName(c))
                            + " at character " + at);
                }
            }
            return Optional.empty();
        });
    }

    public static Rule controlCharacters() {
        return new Rule(RejectReason.CONTROL_CHARACTERS, task -> {
            for (Field field : Field.values()) {
                int at = Text.firstControl(field.of(task));
                if (at != Text.NOT_FOUND) {
                    return Optional.of(field.label() + " contains control character "
                            + Text.codePointName(field.of(task).charAt(at)) + " at character " + at);
                }
            }
            return Optional.empty();
        });
    }

    /** @param maxBytes the most UTF-8 bytes each field may take */
    public static Rule tooManyBytes(Map<Field, Integer> maxBytes) {
        Map<Field, Integer> limits = Map.copyOf(maxBytes);
        return new Rule(RejectReason.TOO_MANY_BYTES, task -> {
            for (Field field : Field.values()) {
                String text = field.of(task);
                int limit = limits.get(field);
                // a char is 1 to 3 bytes, so most fields are decided without counting
                if (text.length() * 3L <= limit) {
                    continue;
                }
                long bytes = Text.utf8Length(text);
                if (bytes > limit) {
                    return Optional.of(field.label() + " is " + bytes + " UTF-8 bytes, more than "
                            + FilterRulesSettings.maxBytesKey(field) + "=" + limit);
                }
            }
            return Optional.empty();
        });
    }
}
