package org.bioinstruct.schemas.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Immutable string settings with typed, validated accessors. Every stage reads its configuration through
 * one of these, so a bad value fails at start-up with an {@link InvalidConfigException} naming the key.
 */
public final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    public static Settings of(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return new Settings(map);
    }

    /** Reads a {@code .properties} file; {@code overrides} win. */
    public static Settings load(Path file, Map<String, String> overrides) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new InvalidConfigException("config.file", file, "cannot read: " + e.getMessage());
        }
        return of(properties).with(overrides);
    }

    /**
     * Parses a stage's command line: {@code --config FILE} (a properties file) and {@code key=value}
     * overrides, later ones winning.
     */
    public static Settings fromArgs(String... args) {
        Settings settings = of(Map.of());
        Map<String, String> overrides = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new InvalidConfigException("--config", null, "needs a file path");
                }
                settings = load(Path.of(args[++i]), Map.of());
            } else if (arg.indexOf('=') > 0) {
                overrides.put(arg.substring(0, arg.indexOf('=')).trim(), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new InvalidConfigException(arg, null, "expected --config FILE or key=value");
            }
        }
        return settings.with(overrides);
    }

    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Settings with(String key, String value) {
        return with(Map.of(key, value));
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isBlank();
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(key, null, "required");
        }
        return value.trim();
    }

    public String string(String key, String defaultValue) {
        return has(key) ? values.get(key).trim() : defaultValue;
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        if (!has(key)) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(values.get(key).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, values.get(key), "not a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidConfigException(key, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    public double doubleValue(String key, double defaultValue, double min, double max) {
        if (!has(key)) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(values.get(key).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, values.get(key), "not a number");
        }
        if (!(value >= min && value <= max)) {
            throw new InvalidConfigException(key, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    public boolean booleanValue(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String value = values.get(key).trim().toLowerCase();
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new InvalidConfigException(key, value, "expected true or false");
        };
    }

    /** Every setting under {@code prefix}, with the prefix removed (e.g. {@code kafka.} client overrides). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /**
     * The settings for printing: any value whose key names a password, secret, credential or JAAS config
     * shows as {@value Secret#REDACTED}.
     */
    public Map<String, String> redacted() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecretKey(k) ? Secret.REDACTED : v));
        return out;
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return !k.endsWith(".file") && (k.contains("password") || k.contains("secret") || k.contains("jaas")
                || k.contains("user.info") || k.contains("credential") || k.endsWith("token"));
    }

    @Override
    public String toString() {
        return "Settings" + redacted();
    }
}
