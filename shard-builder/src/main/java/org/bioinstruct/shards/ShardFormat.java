package org.bioinstruct.shards;

import java.util.Locale;

/**
 * The setting {@code shards.format}: the encoding shards are written in, {@code jsonl} or {@code parquet}. With
 * {@link Compression} it picks the file's {@link org.bioinstruct.schemas.shards.ShardFileFormat}, which names the
 * file and the manifest's {@code format}.
 */
public enum ShardFormat {
    JSONL,
    PARQUET;

    static ShardFormat parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
