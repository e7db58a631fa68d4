package org.bioinstruct.schemas.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardFileTest {
    private static final String JSONL = """
            {"id":"x1","instruction":"Name the gene.","input":"","output":"TP53","category":"IE","source":"t"}
            {"id":"x2","instruction":"Is aspirin an NSAID?","input":"","output":"Yes","category":"QA","source":"t"}
            """;

    @TempDir
    Path dir;

    @Test
    void readsJsonlGzChecksummingTheCompressedBytes() throws IOException {
        byte[] gz = gzip(JSONL.getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("train-000001.jsonl.gz"), gz);

        List<Example> examples = ShardFile.read(file.toUri().toString(), ShardFile.sha256(gz), "jsonl.gz");

        assertEquals(List.of("x1", "x2"), examples.stream().map(Example::id).toList());
        assertEquals(Category.QA, examples.get(1).category());
        assertEquals("TP53", examples.get(0).output());
    }

    @Test
    void readsTheSameExamplesFromJsonlAndJsonlGz() throws IOException {
        byte[] plain = JSONL.getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(plain);
        Path jsonl = Files.write(dir.resolve("a.jsonl"), plain);
        Path jsonlGz = Files.write(dir.resolve("a.jsonl.gz"), gz);

        assertEquals(ShardFile.read(jsonl.toUri().toString(), ShardFile.sha256(plain), "jsonl"),
                ShardFile.read(jsonlGz.toUri().toString(), ShardFile.sha256(gz), "jsonl.gz"));
    }

    @Test
    void treatsAManifestWithoutFormatAsJsonl() throws IOException {
        byte[] plain = JSONL.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("old.jsonl"), plain);

        assertEquals(2, ShardFile.read(file.toUri().toString(), ShardFile.sha256(plain), null).size());
    }

    @Test
    void refusesParquetNamingTheFormatAndTheShardBuilderSetting() throws IOException {
        byte[] bytes = "PAR1 not decoded here PAR1".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("train-000002.parquet"), bytes);

        ShardFile.ShardFileException e = assertThrows(ShardFile.ShardFileException.class,
                () -> ShardFile.read(file.toUri().toString(), ShardFile.sha256(bytes), "parquet"));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("parquet shard"), e.getMessage());
        assertTrue(e.getMessage().contains("shards.format=jsonl"), e.getMessage());
    }

    @Test
    void rejectsAJsonlGzFileThatIsNotGzip() throws IOException {
        byte[] plain = JSONL.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("mislabelled.jsonl.gz"), plain);

        ShardFile.ShardFileException e = assertThrows(ShardFile.ShardFileException.class,
                () -> ShardFile.read(file.toUri().toString(), ShardFile.sha256(plain), "jsonl.gz"));

        assertTrue(e.getMessage().contains("is not valid gzip (format jsonl.gz)"), e.getMessage());
    }

    @Test
    void rejectsATruncatedJsonlGzFile() throws IOException {
        byte[] gz = gzip(JSONL.getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        Path file = Files.write(dir.resolve("cut.jsonl.gz"), cut);

        ShardFile.ShardFileException e = assertThrows(ShardFile.ShardFileException.class,
                () -> ShardFile.read(file.toUri().toString(), ShardFile.sha256(cut), "jsonl.gz"));

        assertTrue(e.getMessage().contains("is not valid gzip"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownFormatListingTheKnownOnes() {
        ShardFile.ShardFileException e = assertThrows(ShardFile.ShardFileException.class,
                () -> ShardFile.read(dir.resolve("x.avro").toUri().toString(), "00", "avro"));

        assertEquals("unknown shard format \"avro\" (known: jsonl, jsonl.gz, parquet)", e.getMessage());
    }

    @Test
    void namesTheMissingFile() {
        Path missing = dir.resolve("gone.jsonl");

        ShardFile.ShardFileException e = assertThrows(ShardFile.ShardFileException.class,
                () -> ShardFile.read(missing.toUri().toString(), "00", "jsonl"));

        assertTrue(e.getMessage().startsWith("cannot read shard file " + missing), e.getMessage());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
