package org.bioinstruct.schemas.shards;

import java.util.Objects;
import org.bioinstruct.schemas.avro.Category;

/** One instruction-tuning example as a shard file line holds it. */
public record Example(String id, String instruction, String input, String output, Category category, String source) {
    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instruction, "instruction");
        input = input == null ? "" : input;
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(category, "category");
        source = source == null ? "" : source;
    }
}
