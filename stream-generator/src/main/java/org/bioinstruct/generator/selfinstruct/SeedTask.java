package org.bioinstruct.generator.selfinstruct;

import java.util.Objects;
import org.bioinstruct.schemas.avro.Category;

/**
 * A task shown to the model as an in-context example: a human-written seed or an earlier accepted
 * machine-generated task.
 *
 * @param id the seed id (e.g. {@code seed-07}) or the accepted instruction's id; becomes part of
 *           {@code CandidateTask.seedIds} of what the prompt produced
 */
public record SeedTask(String id, String instruction, String input, String output, Category category) {
    public SeedTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(category, "category");
    }
}
