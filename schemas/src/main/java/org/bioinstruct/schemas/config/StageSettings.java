package org.bioinstruct.schemas.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * The settings every stage shares, read and validated once: where the brokers and the Schema Registry are (with
 * the registry's credentials, as serde config), the topic names, the {@code kafka.*} client overrides (prefix
 * removed), the run id and the data directory. Each stage's own {@code *Settings} embeds one, so these keys have
 * one meaning and one default everywhere.
 *
 * @param bootstrapServers {@value CommonKeys#BOOTSTRAP_SERVERS}, required
 * @param serdeConfig      {@value CommonKeys#SCHEMA_REGISTRY_URL} (required) and the registry credentials, for the
 *                         catalogue's serdes
 * @param topics           the topic catalogue ({@code topic.*} overrides)
 * @param kafkaOverrides   every {@value CommonKeys#KAFKA_PREFIX}{@code *} setting without its prefix
 * @param runId            {@value CommonKeys#RUN_ID}, default {@value #DEFAULT_RUN_ID}
 * @param dataDir          {@value CommonKeys#DATA_DIR}, if set; a stage that needs it asks {@link #requiredDataDir()}
 */
public record StageSettings(
        String bootstrapServers,
        Map<String, String> serdeConfig,
        TopicCatalogue topics,
        Map<String, String> kafkaOverrides,
        String runId,
        Optional<Path> dataDir) {

    /** The run id of a stage started without {@value CommonKeys#RUN_ID}, the same in every stage. */
    public static final String DEFAULT_RUN_ID = "default";

    public StageSettings {
        serdeConfig = Map.copyOf(serdeConfig);
        kafkaOverrides = Map.copyOf(kafkaOverrides);
    }

    /** Throws {@link InvalidConfigException} naming the first missing or bad shared key. */
    public static StageSettings from(Settings settings) {
        return new StageSettings(
                settings.string(CommonKeys.BOOTSTRAP_SERVERS),
                SerdeConfig.of(settings),
                TopicCatalogue.from(settings),
                settings.withPrefix(CommonKeys.KAFKA_PREFIX),
                settings.string(CommonKeys.RUN_ID, DEFAULT_RUN_ID),
                settings.has(CommonKeys.DATA_DIR) ? Optional.of(Path.of(settings.string(CommonKeys.DATA_DIR)))
                        : Optional.empty());
    }

    /** The data directory, for a stage that keeps state under it; fails naming the key when it is not set. */
    public Path requiredDataDir() {
        return dataDir.orElseThrow(() -> new InvalidConfigException(CommonKeys.DATA_DIR, null, "required"));
    }

    /** The data directory, for a stage that can do without it if {@code alternative} is set instead. */
    public Path requiredDataDir(String alternative) {
        return dataDir.orElseThrow(() -> new InvalidConfigException(CommonKeys.DATA_DIR, null,
                "required (or set " + alternative + ")"));
    }
}
