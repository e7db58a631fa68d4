package org.bioinstruct.shards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Test fixtures: accepted examples with predictable content. */
final class Examples {
    private static final String[] CATEGORIES = {"QA", "IE", "GEN", "OTHER"};

    private Examples() {
    }

    static InstructionExample example(String id, int partition, long offset) {
        return example(id, CATEGORIES[(int) (offset % CATEGORIES.length)], partition, offset);
    }

    static InstructionExample example(String id, String category, int partition, long offset) {
        return new InstructionExample(id, "Explain " + id + ".", "context of " + id, "answer for " + id,
                category, "synthetic", partition, offset);
    }

    static List<InstructionExample> examples(String prefix, int count) {
        List<InstructionExample> out = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> out.add(example(prefix + "-" + i, i % 2, i)));
        return out;
    }

    /** {@code file:///...} of a local directory, without a trailing slash, as the config spells store URIs. */
    static String storeUri(Path directory) {
        String uri = directory.toAbsolutePath().toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
