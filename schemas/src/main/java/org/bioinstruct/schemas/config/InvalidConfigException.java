package org.bioinstruct.schemas.config;

/** A configuration value is missing or wrong; the message names the key so start-up fails clearly. */
public class InvalidConfigException extends RuntimeException {
    private final String key;

    public InvalidConfigException(String key, Object value, String problem) {
        super("invalid configuration '" + key + "'" + (value == null ? " (not set)" : " = '" + value + "'")
                + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
