package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bioinstruct.schemas.avro.OffsetRange;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.serde.AvroDeserializer;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.junit.jupiter.api.Test;

class RecordSerializersTest {
    private static final String REGISTRY = "mock://shard-builder-serializers";
    private static final Map<String, String> SERDE = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);

    @Test
    void publishesTheManifestKeyedByShardIdInTheConfluentWireFormat() {
        List<InstructionExample> examples = List.of(Examples.example("a", 2, 10), Examples.example("b", 2, 13));
        WrittenShard file = new WrittenShard("file:///data/shards/eval-000003.jsonl.gz", "ab12", 321);
        ShardDescriptor shard = ShardDescriptor.of("eval-000003", Split.EVAL, file, examples, 5_000, "jsonl.gz");
        ManifestRecordSerializer serializer = new ManifestRecordSerializer("shards", SERDE);
        serializer.open(null, null);

        ProducerRecord<byte[], byte[]> record = serializer.serialize(shard, null, null);

        assertEquals("shards", record.topic());
        assertArrayEquals("eval-000003".getBytes(StandardCharsets.UTF_8), record.key());
        AvroDeserializer<ShardManifest> reader = new AvroDeserializer<>(ShardManifest.class);
        reader.configure(SERDE, false);
        ShardManifest manifest = reader.deserialize("shards", record.value());
        assertEquals("eval-000003", manifest.getShardId());
        assertEquals("file:///data/shards/eval-000003.jsonl.gz", manifest.getUri());
        assertEquals(Split.EVAL, manifest.getSplit());
        assertEquals("jsonl.gz", manifest.getFormat());
        assertEquals(2, manifest.getRecordCount());
        assertEquals(Map.of("GEN", 1, "IE", 1), manifest.getCategoryCounts());
        assertEquals("ab12", manifest.getSha256());
        assertEquals(321, manifest.getByteSize());
        assertEquals(List.of("a", "b"), manifest.getInstructionIds());
        assertEquals(List.of(new OffsetRange(2, 10L, 13L)), manifest.getSourceOffsets());
        assertEquals(Instant.ofEpochMilli(5_000), manifest.getCreatedAt());
    }

    @Test
    void deadLettersKeepTheOriginalBytesAndExplainTheErrorInHeaders() {
        byte[] key = {1, 2};
        byte[] value = {9, 9, 9};
        DeadLetter letter = new DeadLetter("accepted", 4, 77, key, value, "java.lang.Boom", "bad magic byte");

        ProducerRecord<byte[], byte[]> record = new DeadLetterRecordSerializer("dlq").serialize(letter, null, null);

        assertEquals("dlq", record.topic());
        assertNull(record.partition());
        assertArrayEquals(key, record.key());
        assertArrayEquals(value, record.value());
        assertEquals("java.lang.Boom", header(record, DlqHeaders.ERROR_CLASS));
        assertEquals("bad magic byte", header(record, DlqHeaders.ERROR_MESSAGE));
        assertEquals("shard-builder", header(record, DlqHeaders.STAGE));
        assertEquals("accepted", header(record, DlqHeaders.SOURCE_TOPIC));
        assertEquals("4", header(record, DlqHeaders.SOURCE_PARTITION));
        assertEquals("77", header(record, DlqHeaders.SOURCE_OFFSET));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
