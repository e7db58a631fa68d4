package org.bioinstruct.schemas.shards;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The manifest's {@code format} of a shard file, as the shard-builder writes it: {@code jsonl} (the default),
 * {@code jsonl.gz} or {@code parquet}. The trainer and evaluator read the JSONL ones; Parquet would need
 * parquet-hadoop and part of Hadoop to decode rows, so it is refused with the setting that avoids it.
 */
public enum ShardFileFormat {
    JSONL("jsonl"),
    JSONL_GZ("jsonl.gz"),
    PARQUET("parquet");

    public static final String DEFAULT = "jsonl";
    /** The shard-builder setting that chooses the format. */
    static final String SETTING = "shards.format";

    private final String manifestName;

    ShardFileFormat(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    /** The format a manifest names; null or blank means {@value #DEFAULT} (manifests written before the field). */
    public static ShardFileFormat of(String manifestFormat) {
        String name = manifestFormat == null || manifestFormat.isBlank() ? DEFAULT : manifestFormat.trim();
        for (ShardFileFormat format : values()) {
            if (format.manifestName.equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new ShardFile.ShardFileException("unknown shard format \"" + manifestFormat + "\" (known: "
                + Arrays.stream(values()).map(ShardFileFormat::manifestName).collect(Collectors.joining(", ")) + ")");
    }

    /** Fails with a message naming the format and the setting when this format cannot be read here. */
    void requireReadable(String where) {
        if (this == PARQUET) {
            throw new ShardFile.ShardFileException(where + " is a parquet shard, which the trainer and evaluator "
                    + "cannot read (they read jsonl and jsonl.gz): set " + SETTING + "=jsonl in the shard-builder, "
                    + "with shards.compression=gzip for jsonl.gz");
        }
    }
}
