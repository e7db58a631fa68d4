package org.bioinstruct.schemas.registry;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Secret;

/**
 * Basic-auth credentials ({@code user:password}) for the Schema Registry client, from the file named by
 * {@value #USER_INFO_FILE} in the serde config or from environment variable {@value #USER_INFO_ENV}.
 * A plain {@value #USER_INFO} value is refused: secrets come only from files or the environment.
 */
public final class RegistryCredentials {
    public static final String USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String USER_INFO_FILE = USER_INFO + ".file";
    public static final String USER_INFO_ENV = "BIOINSTRUCT_REGISTRY_USER_INFO";

    private RegistryCredentials() {
    }

    public static Optional<Secret> userInfo(Map<String, ?> configs) {
        return userInfo(configs, System::getenv);
    }

    public static Optional<Secret> userInfo(Map<String, ?> configs, Function<String, String> env) {
        if (configs.containsKey(USER_INFO)) {
            throw new InvalidConfigException(USER_INFO, Secret.REDACTED,
                    "secrets are never read from plain settings; use " + USER_INFO_FILE + " or " + USER_INFO_ENV);
        }
        Object file = configs.get(USER_INFO_FILE);
        Optional<Secret> secret;
        if (file != null && !file.toString().isBlank()) {
            secret = Optional.of(Secret.fromFile(USER_INFO_FILE, Path.of(file.toString().trim())));
        } else {
            String fromEnv = env.apply(USER_INFO_ENV);
            secret = fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Secret.of(fromEnv.strip()));
        }
        secret.ifPresent(s -> {
            if (s.reveal().indexOf(':') <= 0) {
                throw new InvalidConfigException(file != null ? USER_INFO_FILE : USER_INFO_ENV, Secret.REDACTED,
                        "expected user:password");
            }
        });
        return secret;
    }

    /** The shaded Confluent client's settings for these credentials. */
    static Map<String, Object> clientConfig(Optional<Secret> userInfo) {
        return userInfo.<Map<String, Object>>map(s -> Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", s.reveal())).orElse(Map.of());
    }
}
