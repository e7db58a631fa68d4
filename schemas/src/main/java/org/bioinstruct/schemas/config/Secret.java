package org.bioinstruct.schemas.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A password or credential. It is read only from a file or an environment variable, never from a plain
 * setting, and prints as {@code [redacted]} so that no config dump or log line can carry it.
 */
public final class Secret {
    public static final String REDACTED = "[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The file's content without its trailing line break; {@code key} names the setting that gave the path. */
    public static Secret fromFile(String key, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new InvalidConfigException(key, file, "the secret file is empty");
            }
            return new Secret(text);
        } catch (IOException e) {
            throw new InvalidConfigException(key, file, "cannot read the secret file: " + e.getMessage());
        }
    }

    /**
     * The secret from the file named by setting {@code fileKey}, else from environment variable {@code envName};
     * empty when neither is set.
     */
    public static Optional<Secret> fromFileOrEnv(Settings settings, String fileKey, String envName,
                                                 Function<String, String> env) {
        if (settings.has(fileKey)) {
            return Optional.of(fromFile(fileKey, Path.of(settings.string(fileKey))));
        }
        String fromEnv = env.apply(envName);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(new Secret(fromEnv.strip()));
    }

    /** The secret itself; only for handing to a client library, never for printing. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
