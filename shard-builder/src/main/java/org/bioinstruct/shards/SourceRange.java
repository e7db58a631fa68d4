package org.bioinstruct.shards;

/** Lowest and highest source offset (inclusive) of one partition among a shard's examples. */
public record SourceRange(int partition, long fromOffset, long toOffset) {
}
