package org.bioinstruct.shards;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.shards.ShardFileFormat;

/**
 * What the batching operator needs to cut and write shards.
 *
 * @param quotas records per category in a full mixed shard; empty when categories are not mixed to quotas
 * @param keys every key the job can produce, so a restarted operator knows which shard names are its own
 */
public record ShardSpec(
        String storeUri,
        ShardFormat format,
        Compression compression,
        int shardSize,
        long maxAgeMs,
        Map<String, Integer> quotas,
        List<String> keys) implements Serializable {

    public ShardSpec {
        if (shardSize < 1 || maxAgeMs < 1) {
            throw new IllegalArgumentException("shard size and max age must be positive");
        }
        quotas = Map.copyOf(quotas);
        keys = List.copyOf(keys);
    }

    /** The format the settings give the files: gzip makes JSONL {@code jsonl.gz}; Parquet compresses inside. */
    public ShardFileFormat fileFormat() {
        if (format == ShardFormat.PARQUET) {
            return ShardFileFormat.PARQUET;
        }
        return compression == Compression.GZIP ? ShardFileFormat.JSONL_GZ : ShardFileFormat.JSONL;
    }

    public String fileName(String shardId) {
        return fileFormat().fileName(shardId);
    }

    /** The manifest's {@code format}: {@code jsonl}, {@code jsonl.gz} or {@code parquet}. */
    public String manifestFormat() {
        return fileFormat().manifestName();
    }
}
