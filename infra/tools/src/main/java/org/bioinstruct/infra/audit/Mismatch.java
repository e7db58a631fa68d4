package org.bioinstruct.infra.audit;

import java.util.List;

/**
 * One kind of broken contract found by the audit.
 *
 * @param count how many ids, shards or versions break it
 * @param examples the first of them (up to the audit's limit), each naming what is wrong
 */
public record Mismatch(MismatchKind kind, long count, List<String> examples) {
    public Mismatch {
        examples = List.copyOf(examples);
    }
}
