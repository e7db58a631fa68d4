package org.bioinstruct.filter.rules;

import java.util.Optional;
import java.util.function.Function;
import org.bioinstruct.filter.RejectReason;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * One validation rule: the reason it rejects with, and a check that says what in a task breaks it.
 *
 * @param check returns a detail naming the offending field and value, or empty when the task passes
 */
public record Rule(RejectReason reason, Function<RawInstruction, Optional<String>> check) {

    public Optional<String> breach(RawInstruction task) {
        return check.apply(task);
    }
}
