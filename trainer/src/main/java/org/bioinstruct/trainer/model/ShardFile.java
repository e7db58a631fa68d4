package org.bioinstruct.trainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bioinstruct.schemas.avro.Category;

/** Reads a JSONL shard file named by a manifest's {@code file://} URI, after checking its SHA-256. */
public final class ShardFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardFile() {
    }

    /** @throws ShardFileException when the file is missing, its checksum differs or a line is malformed */
    public static List<Example> read(String uri, String expectedSha256) {
        Path path = toPath(uri);
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
        return parse(new String(bytes, StandardCharsets.UTF_8), path);
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
