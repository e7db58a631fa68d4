package org.bioinstruct.shards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bioinstruct.schemas.avro.OffsetRange;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;

/**
 * Everything the manifest of one written shard says, as a Flink-serializable record; it becomes the Avro
 * {@link ShardManifest} only in the sink's serializer.
 */
public record ShardDescriptor(
        String shardId,
        String uri,
        String format,
        String split,
        int recordCount,
        Map<String, Integer> categoryCounts,
        String sha256,
        long byteSize,
        List<String> instructionIds,
        List<SourceRange> sourceOffsets,
        long createdAtMillis) {

    public static ShardDescriptor of(String shardId, Split split, WrittenShard file,
                                     List<InstructionExample> examples, long createdAtMillis, String format) {
        Map<String, Integer> categories = new TreeMap<>();
        Map<Integer, SourceRange> ranges = new TreeMap<>();
        List<String> ids = new ArrayList<>(examples.size());
        for (InstructionExample e : examples) {
            ids.add(e.id());
            categories.merge(e.category(), 1, Integer::sum);
            ranges.merge(e.partition(), new SourceRange(e.partition(), e.offset(), e.offset()),
                    (a, b) -> new SourceRange(a.partition(), Math.min(a.fromOffset(), b.fromOffset()),
                            Math.max(a.toOffset(), b.toOffset())));
        }
        return new ShardDescriptor(shardId, file.uri(), format, split.name(), examples.size(),
                categories, file.sha256(), file.byteSize(), ids, new ArrayList<>(ranges.values()), createdAtMillis);
    }

    public ShardManifest toManifest() {
        List<OffsetRange> offsets = sourceOffsets.stream()
                .map(r -> new OffsetRange(r.partition(), r.fromOffset(), r.toOffset()))
                .toList();
        return ShardManifest.newBuilder()
                .setShardId(shardId)
                .setUri(uri)
                .setSplit(Split.valueOf(split))
                .setFormat(format)
                .setRecordCount(recordCount)
                .setCategoryCounts(new TreeMap<>(categoryCounts))
                .setSha256(sha256)
                .setByteSize(byteSize)
                .setInstructionIds(new ArrayList<>(instructionIds))
                .setSourceOffsets(new ArrayList<>(offsets))
                .setCreatedAt(Instant.ofEpochMilli(createdAtMillis))
                .build();
    }
}
