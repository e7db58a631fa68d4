package org.bioinstruct.shards;

import java.nio.file.Path;

/** A shard file now durable on disk: where it is, the lowercase hex SHA-256 of its bytes and its size. */
public record WrittenShard(Path path, String sha256, long byteSize) {
}
