package org.bioinstruct.schemas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * TLS and SASL for every Kafka client, from one block of {@code kafka.*} settings (given here with the
 * prefix removed): {@code security.protocol}, {@code sasl.mechanism} (default SCRAM-SHA-512),
 * {@code sasl.username}, the password from {@code sasl.password.file} or {@value #PASSWORD_ENV},
 * {@code ssl.truststore.location} and its password from {@code ssl.truststore.password.file} or
 * {@value #TRUSTSTORE_PASSWORD_ENV}. Secrets given as plain settings are refused.
 */
public final class KafkaSecurity {
    public static final String PASSWORD_ENV = "BIOINSTRUCT_KAFKA_PASSWORD";
    public static final String TRUSTSTORE_PASSWORD_ENV = "BIOINSTRUCT_KAFKA_TRUSTSTORE_PASSWORD";
    public static final String KEYSTORE_PASSWORD_ENV = "BIOINSTRUCT_KAFKA_KEYSTORE_PASSWORD";

    public static final String PROTOCOL = "security.protocol";
    public static final String MECHANISM = "sasl.mechanism";
    public static final String USERNAME = "sasl.username";
    public static final String PASSWORD_FILE = "sasl.password.file";
    public static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD_FILE = "ssl.truststore.password.file";
    public static final String KEYSTORE_PASSWORD_FILE = "ssl.keystore.password.file";

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");
    private static final Map<String, String> PLAIN_SECRETS = Map.of(
            "sasl.jaas.config", PASSWORD_FILE,
            "sasl.password", PASSWORD_FILE,
            "ssl.truststore.password", TRUSTSTORE_PASSWORD_FILE,
            "ssl.keystore.password", KEYSTORE_PASSWORD_FILE,
            "ssl.key.password", KEYSTORE_PASSWORD_FILE);
    private static final Set<String> OWN_KEYS = Set.of(USERNAME, PASSWORD_FILE, TRUSTSTORE_PASSWORD_FILE,
            KEYSTORE_PASSWORD_FILE);

    private KafkaSecurity() {
    }

    /** The Kafka client properties for these {@code kafka.*} overrides, secrets read from files or the environment. */
    public static Map<String, String> clientProperties(Map<String, String> kafkaOverrides) {
        return clientProperties(kafkaOverrides, System::getenv);
    }

    public static Map<String, String> clientProperties(Map<String, String> kafkaOverrides,
                                                       Function<String, String> env) {
        refusePlainSecrets(kafkaOverrides);
        Settings settings = Settings.of(kafkaOverrides);
        Map<String, String> out = new HashMap<>(kafkaOverrides);
        OWN_KEYS.forEach(out::remove);
        String protocol = settings.string(PROTOCOL, "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw invalid(PROTOCOL, protocol, "expected one of " + PROTOCOLS);
        }
        out.put(PROTOCOL, protocol);
        if (protocol.startsWith("SASL_")) {
            out.putAll(sasl(settings, env));
        }
        if (protocol.endsWith("SSL")) {
            out.putAll(tls(settings, env));
        }
        return out;
    }

    private static void refusePlainSecrets(Map<String, String> overrides) {
        PLAIN_SECRETS.forEach((key, fileKey) -> {
            if (overrides.containsKey(key)) {
                throw new InvalidConfigException(CommonKeys.KAFKA_PREFIX + key, Secret.REDACTED,
                        "secrets are never read from plain settings; use " + CommonKeys.KAFKA_PREFIX + fileKey
                                + " or the environment");
            }
        });
    }

    private static Map<String, String> sasl(Settings settings, Function<String, String> env) {
        String mechanism = settings.string(MECHANISM, "SCRAM-SHA-512").toUpperCase(Locale.ROOT);
        String module = LOGIN_MODULES.get(mechanism);
        if (module == null) {
            throw invalid(MECHANISM, mechanism, "expected one of " + LOGIN_MODULES.keySet());
        }
        if (!settings.has(USERNAME)) {
            throw invalid(USERNAME, null, "required when " + CommonKeys.KAFKA_PREFIX + PROTOCOL + " is SASL_*");
        }
        Secret password = secret(settings, PASSWORD_FILE, PASSWORD_ENV, env).orElseThrow(() -> invalid(PASSWORD_FILE,
                null, "required when " + CommonKeys.KAFKA_PREFIX + PROTOCOL + " is SASL_* (or set " + PASSWORD_ENV + ")"));
        String jaas = module + " required username=\"" + escape(settings.string(USERNAME)) + "\" password=\""
                + escape(password.reveal()) + "\";";
        return Map.of(MECHANISM, mechanism, "sasl.jaas.config", jaas);
    }

    private static Map<String, String> tls(Settings settings, Function<String, String> env) {
        Map<String, String> out = new HashMap<>();
        if (settings.has(TRUSTSTORE_LOCATION)) {
            Path truststore = Path.of(settings.string(TRUSTSTORE_LOCATION));
            if (!Files.isReadable(truststore)) {
                throw invalid(TRUSTSTORE_LOCATION, truststore, "no readable truststore there");
            }
            out.put(TRUSTSTORE_LOCATION, truststore.toString());
        }
        secret(settings, TRUSTSTORE_PASSWORD_FILE, TRUSTSTORE_PASSWORD_ENV, env)
                .ifPresent(s -> out.put("ssl.truststore.password", s.reveal()));
        secret(settings, KEYSTORE_PASSWORD_FILE, KEYSTORE_PASSWORD_ENV, env)
                .ifPresent(s -> out.put("ssl.keystore.password", s.reveal()));
        return out;
    }

    private static Optional<Secret> secret(Settings settings, String fileKey, String envName,
                                           Function<String, String> env) {
        if (settings.has(fileKey)) {
            return Optional.of(Secret.fromFile(CommonKeys.KAFKA_PREFIX + fileKey, Path.of(settings.string(fileKey))));
        }
        return Secret.fromFileOrEnv(Settings.of(Map.of()), fileKey, envName, env);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static InvalidConfigException invalid(String key, Object value, String problem) {
        return new InvalidConfigException(CommonKeys.KAFKA_PREFIX + key, value, problem);
    }
}
