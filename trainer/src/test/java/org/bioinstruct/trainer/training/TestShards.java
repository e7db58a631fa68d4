package org.bioinstruct.trainer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.trainer.adapters.ShardRef;

/** Shard files in the shard-builder's JSONL layout, for tests. */
public final class TestShards {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestShards() {
    }

    /** Writes the examples as {@code <dir>/<id>.jsonl} and returns the reference a manifest would carry. */
    public static ShardRef write(Path dir, String id, List<Example> examples) {
        StringBuilder text = new StringBuilder();
        try {
            for (Example e : examples) {
                Map<String, String> line = new LinkedHashMap<>();
                line.put("id", e.id());
                line.put("instruction", e.instruction());
                line.put("input", e.input());
                line.put("output", e.output());
                line.put("category", e.category().name());
                line.put("source", e.source());
                text.append(JSON.writeValueAsString(line)).append('\n');
            }
            Files.createDirectories(dir);
            Path file = dir.resolve(id + ".jsonl");
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);
            return new ShardRef(id, file.toUri().toString(), ShardFile.sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} distinct short examples whose ids start with {@code prefix}. */
    public static List<Example> examples(String prefix, int count) {
        String[] genes = {"TP53", "BRCA1", "EGFR", "KRAS", "MYC", "PTEN", "APOE", "CFTR"};
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> new Example(prefix + "-" + i,
                "Name gene number " + i + ".", i % 2 == 0 ? "" : "Context " + prefix,
                genes[i % genes.length] + " " + prefix, Category.IE, "test")).toList();
    }
}
