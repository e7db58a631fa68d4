package org.bioinstruct.generator.selfinstruct;

import java.util.List;
import org.bioinstruct.generator.CandidateTask;

/**
 * What one model response held.
 *
 * @param tasks     the well-formed tasks, in response order, without seed ids
 * @param malformed items that were unusable (missing instruction or output, wrong types, unparseable text);
 *                  a response with nothing usable counts one
 * @param samples   a few of those items, shortened, each with its reason, for the log
 */
public record ParseResult(List<CandidateTask> tasks, int malformed, List<String> samples) {
    public ParseResult {
        tasks = List.copyOf(tasks);
        samples = List.copyOf(samples);
        if (malformed < 0) {
            throw new IllegalArgumentException("malformed count cannot be negative: " + malformed);
        }
    }
}
