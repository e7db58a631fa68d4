package org.bioinstruct.generator;

import java.util.Objects;
import org.bioinstruct.schemas.avro.Category;

/** One task a backend proposes, before it gets an id and goes to the raw topic. */
public record CandidateTask(String instruction, String input, String output, Category proposedCategory) {

    public CandidateTask {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(proposedCategory, "proposedCategory");
    }
}
