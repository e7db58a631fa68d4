package org.bioinstruct.shards;

import java.util.Locale;

/**
 * The setting {@code shards.compression}: whole-file gzip of a JSONL shard ({@code .jsonl.gz}, which Hugging Face
 * {@code datasets} reads directly), or, for Parquet, the codec of its column chunks (its file name does not change).
 */
public enum Compression {
    NONE,
    GZIP;

    static Compression parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
