package org.bioinstruct.trainer.adapters;

import org.bioinstruct.schemas.shards.ShardFileFormat;

/**
 * A shard file as its manifest names it: id, {@code file://} URI, SHA-256 of the file's bytes and the manifest's
 * {@code format} (lineages written before the field read as {@value ShardFileFormat#DEFAULT}), plus where that
 * manifest record was read ({@code manifest}, null when not from Kafka).
 */
public record ShardRef(String id, String uri, String sha256, String format, ManifestPosition manifest) {
    public ShardRef {
        format = format == null ? ShardFileFormat.DEFAULT : format;
    }

    public ShardRef(String id, String uri, String sha256) {
        this(id, uri, sha256, ShardFileFormat.DEFAULT, null);
    }

    public ShardRef(String id, String uri, String sha256, ManifestPosition manifest) {
        this(id, uri, sha256, ShardFileFormat.DEFAULT, manifest);
    }

    /** Topic, partition and offset of a manifest record. */
    public record ManifestPosition(String topic, int partition, long offset) {
    }
}
