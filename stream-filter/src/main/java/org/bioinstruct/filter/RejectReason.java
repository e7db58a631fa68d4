package org.bioinstruct.filter;

/** Machine-readable reasons a task is refused; written to RejectedInstruction.reason. */
public enum RejectReason {
    TOO_SHORT,
    TOO_LONG,
    BAD_FIRST_CHAR,
    WRITE_A_PROGRAM,
    BLACKLISTED_WORD,
    EMPTY_OUTPUT,
    INPUT_EQUALS_OUTPUT,
    DUPLICATE_EXACT
}
