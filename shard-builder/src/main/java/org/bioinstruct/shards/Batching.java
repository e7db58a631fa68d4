package org.bioinstruct.shards;

import java.util.Locale;

/** How examples of one split are grouped into shards. */
public enum Batching {
    /** One shard sequence per split, categories mixed (as they arrive, or to a configured mixture). */
    MIXED,
    /** One shard sequence per split and category: every shard holds a single category. */
    PER_CATEGORY;

    /** The configuration spelling: {@code mixed} or {@code per-category}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Batching parse(String value) {
        for (Batching batching : values()) {
            if (batching.configName().equalsIgnoreCase(value.trim())) {
                return batching;
            }
        }
        throw new IllegalArgumentException("expected mixed or per-category");
    }
}
