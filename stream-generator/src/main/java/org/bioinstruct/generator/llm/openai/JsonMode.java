package org.bioinstruct.generator.llm.openai;

import java.util.Locale;
import org.bioinstruct.schemas.config.InvalidConfigException;

/**
 * When to send {@code response_format: {"type": "json_object"}}: always ({@link #ON}), never
 * ({@link #OFF}), or only for requests that ask for JSON, dropping it for good once the server rejects it
 * ({@link #AUTO}).
 */
public enum JsonMode {
    AUTO, ON, OFF;

    static JsonMode parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, value, "expected auto, on or off");
        }
    }
}
