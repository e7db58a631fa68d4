package org.bioinstruct.schemas.shards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.ShardManifest;

/**
 * The one reader of shard files: reads the file a manifest's {@code file://} URI names, after checking the
 * SHA-256 of its bytes as stored (compressed, for {@code jsonl.gz}), in the manifest's {@link ShardFileFormat
 * format}, as {@link Example}s. Used by the trainer and the evaluator.
 */
public final class ShardFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardFile() {
    }

    /** The shard a manifest names, in its format. */
    public static List<Example> read(ShardManifest manifest) {
        return read(manifest.getUri(), manifest.getSha256(), manifest.getFormat());
    }

    /** A {@value ShardFileFormat#DEFAULT} shard. */
    public static List<Example> read(String uri, String expectedSha256) {
        return read(uri, expectedSha256, ShardFileFormat.DEFAULT);
    }

    /**
     * @param format the manifest's {@code format} field
     * @throws ShardFileException when the format is unknown or unreadable here, the file is missing, its checksum
     *     differs, it does not decompress or a line is malformed
     */
    public static List<Example> read(String uri, String expectedSha256, String format) {
        ShardFileFormat shardFormat = ShardFileFormat.of(format);
        Path path = toPath(uri);
        shardFormat.requireReadable(path.toString());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ShardFileException("cannot read shard file " + path + ": " + e);
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new ShardFileException("sha256 mismatch for " + path + ": manifest says " + expectedSha256
                    + ", file has " + actual);
        }
        byte[] jsonl = shardFormat == ShardFileFormat.JSONL_GZ ? gunzip(bytes, path) : bytes;
        return parse(new String(jsonl, StandardCharsets.UTF_8), path);
    }

    private static byte[] gunzip(byte[] bytes, Path path) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 64 * 1024)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ShardFileException("shard file " + path + " is not valid gzip (format jsonl.gz): " + e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path toPath(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (!"file".equals(parsed.getScheme())) {
                throw new ShardFileException("shard uri must be file://, got " + uri);
            }
            return Path.of(parsed);
        } catch (IllegalArgumentException e) {
            throw new ShardFileException("bad shard uri " + uri + ": " + e.getMessage());
        }
    }

    private static List<Example> parse(String text, Path path) {
        List<Example> examples = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(lines[i]);
                examples.add(new Example(required(node, "id"), required(node, "instruction"),
                        node.path("input").asText(""), required(node, "output"),
                        Category.valueOf(required(node, "category")), node.path("source").asText("")));
            } catch (IOException | IllegalArgumentException e) {
                throw new ShardFileException(path + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return examples;
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text field \"" + field + "\"");
        }
        return value.asText();
    }

    /** A shard file that cannot be used; the message says why. */
    public static final class ShardFileException extends RuntimeException {
        public ShardFileException(String message) {
            super(message);
        }
    }
}
