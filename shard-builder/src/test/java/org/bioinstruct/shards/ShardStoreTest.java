package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardStoreTest {
    @TempDir
    Path dir;

    @Test
    void writesTheBytesUnderTheirFinalNameAndReportsUriChecksumAndSize() throws Exception {
        byte[] bytes = "{\"id\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);
        ShardStore store = new ShardStore(Examples.storeUri(dir.resolve("shards")));

        WrittenShard shard = store.write("train-000001.jsonl", bytes);

        Path file = dir.resolve("shards/train-000001.jsonl");
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(file.toUri(), URI.create(shard.uri()));
        assertTrue(shard.uri().startsWith("file:///"), shard.uri());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), shard.sha256());
        assertEquals(bytes.length, shard.byteSize());
    }

    @Test
    void replacesAnEarlierFileOfTheSameNameWholeAndLeavesNoInProgressFile() throws Exception {
        ShardStore store = new ShardStore(Examples.storeUri(dir));
        store.write("eval-000002.jsonl", new byte[1000]);

        WrittenShard second = store.write("eval-000002.jsonl", new byte[] {1, 2, 3});

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("eval-000002.jsonl")));
        assertEquals(ShardStore.sha256Hex(new byte[] {1, 2, 3}), second.sha256());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("eval-000002.jsonl"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void listsAndDeletesFilesAndSeesNothingInAMissingDirectory() throws Exception {
        assertEquals(List.of(), new ShardStore(Examples.storeUri(dir.resolve("absent"))).list());
        ShardStore store = new ShardStore(Examples.storeUri(dir));
        store.write("train-000001.jsonl", new byte[] {1});
        Files.write(dir.resolve(".train-000002.jsonl.inprogress.0b5e"), new byte[] {2});

        assertEquals(List.of(".train-000002.jsonl.inprogress.0b5e", "train-000001.jsonl"),
                store.list().stream().sorted().toList());
        store.delete(".train-000002.jsonl.inprogress.0b5e");
        assertEquals(List.of("train-000001.jsonl"), store.list());
    }
}
