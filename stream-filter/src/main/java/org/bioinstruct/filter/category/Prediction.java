package org.bioinstruct.filter.category;

import java.util.Objects;
import org.bioinstruct.schemas.avro.Category;

/**
 * A task category with its calibrated posterior probability and a human-readable account of what decided it.
 *
 * @param confidence the posterior probability of {@code category}, in [0, 1]
 * @param explanation the rules that fired, the strongest model cues and the proposal's part, for operators
 */
public record Prediction(Category category, double confidence, String explanation) {

    public Prediction {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(explanation, "explanation");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
    }
}
