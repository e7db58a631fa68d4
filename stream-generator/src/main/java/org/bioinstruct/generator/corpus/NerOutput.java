package org.bioinstruct.generator.corpus;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a CoNLL sentence's answer is written: per-token tags, an entity list, or either per sample. */
public enum NerOutput {
    TAGS,
    ENTITIES,
    MIXED;

    public static NerOutput parse(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(value -> value.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown NER output '" + name + "'; valid: "
                        + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }
}
