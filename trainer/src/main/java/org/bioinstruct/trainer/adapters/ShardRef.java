package org.bioinstruct.trainer.adapters;

/**
 * A shard file as its manifest names it: id, {@code file://} URI and SHA-256 of the file's bytes, plus where
 * that manifest record was read ({@code manifest}, null when not from Kafka).
 */
public record ShardRef(String id, String uri, String sha256, ManifestPosition manifest) {
    public ShardRef(String id, String uri, String sha256) {
        this(id, uri, sha256, null);
    }

    /** Topic, partition and offset of a manifest record. */
    public record ManifestPosition(String topic, int partition, long offset) {
    }
}
