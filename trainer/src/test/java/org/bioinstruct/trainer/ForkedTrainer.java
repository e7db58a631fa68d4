package org.bioinstruct.trainer;

import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * {@link TrainerMain} in a JVM of its own, for the SIGKILL test: the in-memory registry of that JVM first gets
 * the trainer's schemas in the same order as the test's JVM ({@link #registerSchemas}), so both agree on ids.
 */
public final class ForkedTrainer {
    private ForkedTrainer() {
    }

    public static void main(String[] args) throws Exception {
        registerSchemas(Settings.fromArgs(args).string("schema.registry.url"), TopicCatalogue.defaults());
        TrainerMain.main(args);
    }

    static void registerSchemas(String registryUrl, TopicCatalogue topics) {
        InMemorySchemaRegistry registry =
                InMemorySchemaRegistry.scope(registryUrl.substring(InMemorySchemaRegistry.MOCK_SCHEME.length()));
        registry.register(topics.shardsReady().name() + "-value", ShardManifest.getClassSchema());
        registry.register(topics.checkpoints().name() + "-value", AdapterCheckpoint.getClassSchema());
        registry.register(topics.trainingMetrics().name() + "-value", TrainingMetric.getClassSchema());
    }
}
