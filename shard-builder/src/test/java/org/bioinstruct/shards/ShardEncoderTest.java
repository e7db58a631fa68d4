package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ShardEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InstructionExample TRICKY = new InstructionExample("id-\"1\"", "Name the gene\nin: ",
            "BRCA1 – β", "BRCA1", "IE", "corpus:conll", 3, 42);

    @Test
    void writesOneJsonObjectPerLineWithExactlyTheContractFields() throws Exception {
        byte[] bytes = new ShardEncoder(ShardFormat.JSONL, Compression.NONE)
                .encode(List.of(TRICKY, Examples.example("id-2", 0, 1)));

        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "instruction", "input", "output", "category", "source"), fields);
        assertEquals("id-\"1\"", first.get("id").asText());
        assertEquals("Name the gene\nin: ", first.get("instruction").asText());
        assertEquals("BRCA1 – β", first.get("input").asText());
        assertEquals("IE", first.get("category").asText());
        assertEquals("corpus:conll", first.get("source").asText());
        assertEquals("id-2", JSON.readTree(lines.get(1)).get("id").asText());
        assertEquals('\n', bytes[bytes.length - 1]);
    }

    @Test
    void gzipsTheSameJsonlAndGivesTheSameBytesEveryTime() throws Exception {
        List<InstructionExample> examples = Examples.examples("z", 50);
        byte[] plain = new ShardEncoder(ShardFormat.JSONL, Compression.NONE).encode(examples);
        ShardEncoder gzip = new ShardEncoder(ShardFormat.JSONL, Compression.GZIP);

        byte[] compressed = gzip.encode(examples);

        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        assertArrayEquals(compressed, gzip.encode(examples), "a replayed shard has the same checksum");
    }

    @Test
    void writesParquetWithTheSixStringColumnsInOrder() throws Exception {
        for (Compression compression : Compression.values()) {
            List<InstructionExample> examples = List.of(TRICKY, Examples.example("id-2", 0, 1));
            ShardEncoder encoder = new ShardEncoder(ShardFormat.PARQUET, compression);

            byte[] bytes = encoder.encode(examples);

            assertEquals(examples.stream().map(ParquetRows::line).toList(), ParquetRows.read(bytes), "" + compression);
            assertArrayEquals(bytes, encoder.encode(examples), "deterministic " + compression);
        }
    }
}
