package org.bioinstruct.evaluator.suite;

import java.util.Objects;
import org.bioinstruct.schemas.shards.Example;

/** One example of a suite and how it is scored. */
public record EvalItem(Example example, EvalTask task) {
    public EvalItem {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(task, "task");
    }

    public String id() {
        return example.id();
    }
}
