package org.bioinstruct.infra.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFooterTest {
    @TempDir
    Path dir;

    /** Written by the shard-builder's own Parquet encoder (37 examples, gzip pages). */
    private static Path shard() throws URISyntaxException {
        return Path.of(ParquetFooterTest.class.getResource("/audit/shard-37-rows.parquet").toURI());
    }

    @Test
    void readsTheRowCountOfAShardBuilderParquetFileFromItsFooter() throws Exception {
        assertEquals(37, ParquetFooter.rowCount(shard()));
    }

    @Test
    void refusesAFileWithoutTheParquetMagicNamingIt() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("shard.parquet"), "{\"id\":\"r1\"}\n{\"id\":\"r2\"}\n");
        IOException e = assertThrows(IOException.class, () -> ParquetFooter.rowCount(jsonl));
        assertTrue(e.getMessage().contains(jsonl + " does not end with the Parquet magic"), e.getMessage());
    }

    @Test
    void refusesATruncatedFooter() throws Exception {
        byte[] bytes = Files.readAllBytes(shard());
        byte[] cut = Arrays.copyOfRange(bytes, bytes.length - 40, bytes.length);
        Path truncated = Files.write(dir.resolve("cut.parquet"), cut);
        IOException e = assertThrows(IOException.class, () -> ParquetFooter.rowCount(truncated));
        assertTrue(e.getMessage().contains("invalid Parquet footer length"), e.getMessage());
    }
}
