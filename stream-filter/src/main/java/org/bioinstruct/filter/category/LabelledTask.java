package org.bioinstruct.filter.category;

import java.util.Objects;
import org.bioinstruct.schemas.avro.Category;

/** One training or evaluation example: a task and the category a person assigned to it. */
public record LabelledTask(String instruction, String input, Category category) {

    public LabelledTask {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(category, "category");
    }
}
