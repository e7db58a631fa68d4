package org.bioinstruct.filter.rules;

import java.util.Locale;
import org.bioinstruct.schemas.avro.RawInstruction;

/** The three text fields of a task that rules look at. */
public enum Field {
    INSTRUCTION,
    INPUT,
    OUTPUT;

    public String of(RawInstruction task) {
        return switch (this) {
            case INSTRUCTION -> task.getInstruction();
            case INPUT -> task.getInput();
            case OUTPUT -> task.getOutput();
        };
    }

    /** How the field is named in details and settings keys. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
