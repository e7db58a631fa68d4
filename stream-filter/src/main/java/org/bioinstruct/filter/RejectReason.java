package org.bioinstruct.filter;

import java.util.Locale;

/** Machine-readable reasons a task is refused; written to RejectedInstruction.reason. */
public enum RejectReason {
    INVALID_UTF8,
    CONTROL_CHARACTERS,
    TOO_MANY_BYTES,
    PROMPT_INJECTION,
    TOO_SHORT,
    TOO_LONG,
    BAD_FIRST_CHAR,
    WRITE_A_PROGRAM,
    BLACKLISTED_WORD,
    EMPTY_OUTPUT,
    INPUT_EQUALS_OUTPUT,
    ENDS_WITH_COLON,
    DUPLICATE_EXACT,
    DUPLICATE_NEAR;

    /** The name in settings keys, e.g. {@code blacklisted-word} in {@code filter.rules.blacklisted-word.enabled}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
