package org.bioinstruct.shards;

import java.util.Locale;

/** The encoding of a shard file and the extension its name ends with (before any compression suffix). */
public enum ShardFormat {
    JSONL("jsonl"),
    PARQUET("parquet");

    private final String extension;

    ShardFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    static ShardFormat parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
