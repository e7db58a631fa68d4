package org.bioinstruct.generator;

import java.util.List;
import java.util.Objects;
import org.bioinstruct.schemas.avro.Category;

/**
 * One task a backend proposes, before it gets an id and goes to the raw topic.
 *
 * @param seedIds ids of the seed (or earlier machine) tasks shown in the prompt that produced it
 * @param origin  where it came from inside the backend's source, e.g. {@code ncbi.conll:118} for an import
 *                line, or empty
 */
public record CandidateTask(String instruction, String input, String output, Category proposedCategory,
                            List<String> seedIds, String origin) {

    public CandidateTask {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(proposedCategory, "proposedCategory");
        seedIds = List.copyOf(seedIds);
        Objects.requireNonNull(origin, "origin");
    }

    public CandidateTask(String instruction, String input, String output, Category proposedCategory) {
        this(instruction, input, output, proposedCategory, List.of(), "");
    }
}
