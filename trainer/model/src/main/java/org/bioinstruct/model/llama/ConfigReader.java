package org.bioinstruct.model.llama;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.schemas.config.InvalidConfigException;

/** Typed reads of a Hugging Face JSON config; a wrong type fails naming the key. Absent or null means default. */
final class ConfigReader {
    private final JsonNode root;
    private final String prefix;

    ConfigReader(JsonNode root) {
        this(root, "");
    }

    ConfigReader(JsonNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    int requiredInt(String key) {
        if (!root.hasNonNull(key)) {
            throw new InvalidConfigException(prefix + key, null, "required");
        }
        return integer(key, 0);
    }

    int integer(String key, int defaultValue) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidConfigException(prefix + key, node, "not a whole number");
        }
        return node.intValue();
    }

    Integer optionalInt(String key) {
        return root.hasNonNull(key) ? integer(key, 0) : null;
    }

    double number(String key, double defaultValue) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            throw new InvalidConfigException(prefix + key, node, "not a number");
        }
        return node.doubleValue();
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw new InvalidConfigException(prefix + key, node, "not true or false");
        }
        return node.booleanValue();
    }

    String string(String key, String defaultValue) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isTextual()) {
            throw new InvalidConfigException(prefix + key, node, "not a string");
        }
        return node.textValue();
    }

    /** A whole number or a list of them (LLaMA 3 lists several end-of-sequence ids). */
    List<Integer> intList(String key, int defaultValue) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return List.of(defaultValue);
        }
        if (!node.isArray()) {
            return List.of(integer(key, defaultValue));
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isIntegralNumber() || !element.canConvertToInt()) {
                throw new InvalidConfigException(prefix + key, node, "not a list of whole numbers");
            }
            out.add(element.intValue());
        }
        return out;
    }

    void requireValue(String key, String supported) {
        String value = string(key, supported);
        if (!value.equals(supported)) {
            throw new InvalidConfigException(prefix + key, value, "only " + supported + " is supported");
        }
    }

    void requireFlagOff(String key) {
        if (bool(key, false)) {
            throw new InvalidConfigException(prefix + key, true, "biases are not supported by this LLaMA implementation");
        }
    }
}
