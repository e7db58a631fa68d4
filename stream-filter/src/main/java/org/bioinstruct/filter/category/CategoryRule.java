package org.bioinstruct.filter.category;

import java.util.Objects;
import java.util.regex.Pattern;
import org.bioinstruct.schemas.avro.Category;

/**
 * A high-precision cue: when {@code pattern} is found in the instruction (or in the input, for
 * {@code inInput}), {@code logOdds} is added to {@code category}'s score. Rules are strong priors, not
 * overrides: overwhelming model evidence for another category can still win.
 */
public record CategoryRule(String name, Category category, Pattern pattern, boolean inInput, double logOdds) {

    public CategoryRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(pattern, "pattern");
        if (!(logOdds > 0)) {
            throw new IllegalArgumentException("a rule must favour its category: " + logOdds);
        }
    }

    public boolean matches(String instruction, String input) {
        return pattern.matcher(inInput ? input : instruction).find();
    }
}
