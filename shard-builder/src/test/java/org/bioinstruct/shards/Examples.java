package org.bioinstruct.shards;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Test fixtures: accepted examples with predictable content. */
final class Examples {
    private static final String[] CATEGORIES = {"QA", "IE", "GEN", "OTHER"};

    private Examples() {
    }

    static InstructionExample example(String id, int partition, long offset) {
        return new InstructionExample(id, "Explain " + id + ".", "context of " + id, "answer for " + id,
                CATEGORIES[(int) (offset % CATEGORIES.length)], "synthetic", partition, offset);
    }

    static List<InstructionExample> examples(String prefix, int count) {
        List<InstructionExample> out = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> out.add(example(prefix + "-" + i, i % 2, i)));
        return out;
    }
}
