package org.bioinstruct.shards;

import org.bioinstruct.schemas.config.Settings;

/**
 * {@link ShardBuilderMain#main} in a JVM of its own, for the SIGKILL test: the in-memory registry of that
 * JVM first gets the run's two schemas in the same order as the test's JVM, so both agree on the ids.
 */
public final class ForkedShardBuilder {
    private ForkedShardBuilder() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromArgs(args);
        TestTopics.registerSchemas(settings.string("schema.registry.url"), settings.string("topic.accepted"),
                settings.string("topic.shards"));
        ShardBuilderMain.main(args);
    }
}
