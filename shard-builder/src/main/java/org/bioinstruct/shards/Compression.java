package org.bioinstruct.shards;

import java.util.Locale;

/**
 * Whole-file compression of a JSONL shard ({@code .jsonl.gz}, which Hugging Face {@code datasets} reads
 * directly). Parquet compresses its column chunks instead, so its file name does not change.
 */
public enum Compression {
    NONE(""),
    GZIP(".gz");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    static Compression parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
