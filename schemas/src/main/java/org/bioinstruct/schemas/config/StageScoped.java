package org.bioinstruct.schemas.config;

import java.util.Map;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * A stage's own settings, which embed the {@link StageSettings} every stage shares: the shared values are read
 * through these methods, so {@code settings.bootstrapServers()} means the same in every stage.
 */
public interface StageScoped {
    StageSettings stage();

    default String bootstrapServers() {
        return stage().bootstrapServers();
    }

    default Map<String, String> serdeConfig() {
        return stage().serdeConfig();
    }

    default TopicCatalogue topics() {
        return stage().topics();
    }

    default Map<String, String> kafkaOverrides() {
        return stage().kafkaOverrides();
    }

    default String runId() {
        return stage().runId();
    }
}
