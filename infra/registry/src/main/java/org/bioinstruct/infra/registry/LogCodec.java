package org.bioinstruct.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * JSON keys and values of the schemas topic, in the shape Confluent's registry uses: one key per subject
 * version ({@code keytype SCHEMA}) or per config scope ({@code keytype CONFIG}); a null value is a
 * tombstone, so compaction keeps exactly the latest state of each key.
 */
public final class LogCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Key and value bytes of one topic record; {@code value} is null for a tombstone. */
    public record Entry(byte[] key, byte[] value) {
    }

    public Entry encode(StoreEvent event) {
        if (event instanceof StoreEvent.VersionWritten written) {
            SchemaVersion v = written.version();
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", v.subject())
                    .put("version", v.version())
                    .put("id", v.id())
                    .put("schema", v.schema())
                    .put("deleted", v.deleted());
            return new Entry(schemaKey(v.subject(), v.version()), bytes(value));
        }
        if (event instanceof StoreEvent.VersionErased erased) {
            return new Entry(schemaKey(erased.subject(), erased.version()), null);
        }
        if (event instanceof StoreEvent.ConfigSet set) {
            return new Entry(configKey(set.subject()),
                    bytes(JSON.createObjectNode().put("compatibilityLevel", set.level().name())));
        }
        StoreEvent.ConfigCleared cleared = (StoreEvent.ConfigCleared) event;
        return new Entry(configKey(cleared.subject()), null);
    }

    /**
     * The event a topic record stands for; empty for key types this registry does not use (Confluent
     * also writes NOOP and mode records). Throws {@link IllegalArgumentException} for unreadable records.
     */
    public Optional<StoreEvent> decode(byte[] key, byte[] value) {
        JsonNode k = parse(key, "key");
        String keyType = k.path("keytype").asText("");
        JsonNode subjectNode = k.get("subject");
        String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
        switch (keyType) {
            case "SCHEMA" -> {
                if (subject == null || !k.hasNonNull("version")) {
                    throw new IllegalArgumentException("SCHEMA key without subject or version: " + k);
                }
                int version = k.get("version").asInt();
                if (value == null) {
                    return Optional.of(new StoreEvent.VersionErased(subject, version));
                }
                JsonNode v = parse(value, "value");
                if (!v.hasNonNull("id") || !v.hasNonNull("schema")) {
                    throw new IllegalArgumentException("SCHEMA value without id or schema: " + v);
                }
                return Optional.of(new StoreEvent.VersionWritten(new SchemaVersion(subject, version,
                        v.get("id").asInt(), v.get("schema").asText(), v.path("deleted").asBoolean(false))));
            }
            case "CONFIG" -> {
                if (value == null) {
                    return Optional.of(new StoreEvent.ConfigCleared(subject));
                }
                String level = parse(value, "value").path("compatibilityLevel").asText(null);
                try {
                    return Optional.of(new StoreEvent.ConfigSet(subject, CompatibilityLevel.parse(level)));
                } catch (RegistryError e) {
                    throw new IllegalArgumentException("CONFIG value with unknown level '" + level + "'");
                }
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static byte[] schemaKey(String subject, int version) {
        return bytes(JSON.createObjectNode()
                .put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1));
    }

    private static byte[] configKey(String subject) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
        if (subject != null) {
            key.put("subject", subject);
        }
        return bytes(key.put("magic", 0));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(byte[] bytes, String part) {
        if (bytes == null) {
            throw new IllegalArgumentException("record without " + part);
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(part + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(part + " is not JSON: " + e.getMessage(), e);
        }
    }
}
