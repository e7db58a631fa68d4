package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardFileWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesOneJsonObjectPerLineWithExactlyTheContractFields() throws Exception {
        InstructionExample tricky = new InstructionExample("id-\"1\"", "Name the gene\nin: ", "BRCA1 – β",
                "BRCA1", "IE", "corpus:conll", 3, 42);
        List<InstructionExample> examples = List.of(tricky, Examples.example("id-2", 0, 1));

        new ShardFileWriter(dir).write("train-000001.jsonl", examples);

        List<String> lines = Files.readAllLines(dir.resolve("train-000001.jsonl"), StandardCharsets.UTF_8);
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
    }

    @Test
    void reportsTheSha256AndSizeOfTheBytesOnDisk() throws Exception {
        WrittenShard shard = new ShardFileWriter(dir).write("eval-000007.jsonl", Examples.examples("s", 5));

        byte[] bytes = Files.readAllBytes(dir.resolve("eval-000007.jsonl"));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, shard.sha256());
        assertEquals(bytes.length, shard.byteSize());
        assertEquals(dir.resolve("eval-000007.jsonl").toAbsolutePath(), shard.path());
        assertEquals('\n', bytes[bytes.length - 1]);
    }

    @Test
    void replacesAnEarlierFileOfTheSameNameWholeAndLeavesNoTempFiles() throws Exception {
        ShardFileWriter writer = new ShardFileWriter(dir.resolve("nested"));
        writer.write("train-000002.jsonl", Examples.examples("first", 9));

        WrittenShard second = writer.write("train-000002.jsonl", Examples.examples("second", 2));

        Path file = dir.resolve("nested/train-000002.jsonl");
        assertEquals(2, Files.readAllLines(file).size());
        assertEquals(ShardFileWriter.sha256Hex(Files.readAllBytes(file)), second.sha256());
        try (Stream<Path> files = Files.list(dir.resolve("nested"))) {
            assertEquals(List.of("train-000002.jsonl"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
