package org.bioinstruct.shards;

/** A shard file now durable in the store: its URI, the lowercase hex SHA-256 of its bytes and its size. */
public record WrittenShard(String uri, String sha256, long byteSize) {
}
