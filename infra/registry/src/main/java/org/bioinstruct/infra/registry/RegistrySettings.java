package org.bioinstruct.infra.registry;

import java.time.Duration;
import java.util.Map;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/** The registry server's validated settings. */
public record RegistrySettings(String host, int port, String bootstrapServers, String topic, Duration kafkaTimeout,
                             Map<String, String> kafkaOverrides, RegistryAuth auth) {
    public static final String HOST = "registry.host";
    public static final String PORT = "registry.port";
    public static final String TOPIC = "registry.topic";
    public static final String KAFKA_TIMEOUT_MS = "registry.kafka.timeout.ms";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_TOPIC = "_schemas";
    public static final long DEFAULT_KAFKA_TIMEOUT_MS = 30_000;

    public RegistrySettings {
        kafkaOverrides = Map.copyOf(kafkaOverrides);
    }

    /** Reads and checks every key up front; a bad one is an {@link InvalidConfigException} naming it. */
    public static RegistrySettings from(Settings settings) {
        String topic = settings.string(TOPIC, DEFAULT_TOPIC);
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new InvalidConfigException(TOPIC, topic, "not a legal Kafka topic name");
        }
        return new RegistrySettings(
                settings.string(HOST, DEFAULT_HOST),
                settings.intValue(PORT, DEFAULT_PORT, 0, 65_535),
                settings.string(CommonKeys.BOOTSTRAP_SERVERS),
                topic,
                Duration.ofMillis(settings.longValue(KAFKA_TIMEOUT_MS, DEFAULT_KAFKA_TIMEOUT_MS, 1_000, 600_000)),
                settings.withPrefix(CommonKeys.KAFKA_PREFIX),
                RegistryAuth.from(settings, System::getenv));
    }

    /** Defaults for everything but the broker address. */
    public static RegistrySettings defaults(String bootstrapServers) {
        return from(Settings.of(Map.of(CommonKeys.BOOTSTRAP_SERVERS, bootstrapServers)));
    }

    public RegistrySettings withPort(int newPort) {
        return new RegistrySettings(host, newPort, bootstrapServers, topic, kafkaTimeout, kafkaOverrides, auth);
    }

    public RegistrySettings withTopic(String newTopic) {
        return new RegistrySettings(host, port, bootstrapServers, newTopic, kafkaTimeout, kafkaOverrides, auth);
    }

    public RegistrySettings withAuth(RegistryAuth newAuth) {
        return new RegistrySettings(host, port, bootstrapServers, topic, kafkaTimeout, kafkaOverrides, newAuth);
    }
}
