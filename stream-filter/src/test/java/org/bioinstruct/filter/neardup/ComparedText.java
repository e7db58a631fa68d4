package org.bioinstruct.filter.neardup;

/** Which part of a task is compared for near-duplicates. */
public enum ComparedText {
    /** Instruction and input joined by a space (the default: same instruction on new input is new). */
    INSTRUCTION_AND_INPUT,
    /** The instruction alone, as Self-Instruct compares. */
    INSTRUCTION;

    public String of(String instruction, String input) {
        return this == INSTRUCTION || input == null || input.isEmpty() ? instruction : instruction + " " + input;
    }
}
