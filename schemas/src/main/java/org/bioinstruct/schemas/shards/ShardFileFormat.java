package org.bioinstruct.schemas.shards;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The format of a shard file, the one definition of it: the name the manifest's {@code format} field carries
 * ({@code jsonl}, the default, {@code jsonl.gz} or {@code parquet}) and the suffix of the file's name. The
 * shard-builder writes it, the trainer and evaluator read through {@link ShardFile}, the audit counts records by it.
 * The trainer and evaluator read the JSONL ones; Parquet would need parquet-hadoop and part of Hadoop to decode
 * rows, so it is refused with the setting that avoids it.
 *
 * <p>The Avro field {@code ShardManifest.format} stays a {@code string}, parsed here, rather than becoming an Avro
 * enum: Avro's schema resolution does not turn a string into an enum, so a reader with an enum schema could not
 * read the manifests already on the topic, and the registry (BACKWARD compatibility) would refuse the new schema.
 * A string also lets an older reader see a format it does not know and fail with {@link #of}'s message, naming
 * the known ones, instead of an Avro resolution error.
 */
public enum ShardFileFormat {
    JSONL("jsonl"),
    JSONL_GZ("jsonl.gz"),
    PARQUET("parquet");

    public static final String DEFAULT = "jsonl";
    /** The shard-builder setting that chooses the format. */
    public static final String SETTING = "shards.format";

    private final String manifestName;

    ShardFileFormat(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The name in the manifest's {@code format} field. */
    public String manifestName() {
        return manifestName;
    }

    /** What a shard file's name ends with: {@code .jsonl}, {@code .jsonl.gz} or {@code .parquet}. */
    public String fileSuffix() {
        return "." + manifestName;
    }

    /** The file name of a shard: its id and this format's suffix. */
    public String fileName(String shardId) {
        return shardId + fileSuffix();
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
