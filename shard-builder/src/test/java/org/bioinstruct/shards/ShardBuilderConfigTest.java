package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class ShardBuilderConfigTest {
    private static final Map<String, String> REQUIRED = Map.of(
            "bootstrap.servers", "localhost:9092", "schema.registry.url", "http://localhost:8081",
            "data.dir", "/var/bioinstruct");

    @Test
    void appliesTheDocumentedDefaults() {
        ShardBuilderConfig config = ShardBuilderConfig.from(Settings.of(REQUIRED));

        assertEquals("bioinstruct.instructions.accepted", config.acceptedTopic());
        assertEquals("bioinstruct.shards.ready", config.shardsTopic());
        assertEquals("bioinstruct.dlq", config.dlqTopic());
        assertEquals("bioinstruct-shard-builder", config.groupId());
        assertEquals(0.1, config.evalFraction());
        assertEquals(64, config.shardSize());
        assertEquals(3_000, config.maxAgeMs());
        assertEquals(Path.of("/var/bioinstruct/shards"), config.shardsDir());
        assertEquals(Path.of("/var/bioinstruct/flink-checkpoints"), config.checkpointDir());
        assertEquals(2_000, config.checkpointIntervalMs());
        assertEquals(1, config.parallelism());
        assertEquals("bioinstruct-shards", config.transactionalIdPrefix());
        assertTrue(config.restore());
    }

    @Test
    void needsNoDataDirWhenBothDirectoriesAreGiven() {
        Settings settings = Settings.of(Map.of("bootstrap.servers", "b:9092", "schema.registry.url", "mock://x",
                "shards.dir", "/s", "shards.checkpoint.dir", "/c", "topic.accepted", "acc",
                "kafka.security.protocol", "SSL"));

        ShardBuilderConfig config = ShardBuilderConfig.from(settings);

        assertEquals(Path.of("/s"), config.shardsDir());
        assertEquals(Path.of("/c"), config.checkpointDir());
        assertEquals("acc", config.acceptedTopic());
        assertEquals(Map.of("security.protocol", "SSL"), config.kafkaProperties());
    }

    @Test
    void namesTheMissingOrInvalidKey() {
        assertEquals("data.dir", failure(Map.of("bootstrap.servers", "b", "schema.registry.url", "u")).key());
        assertEquals("bootstrap.servers", failure(Map.of("schema.registry.url", "u", "data.dir", "/d")).key());
        assertEquals("shards.eval.fraction", failure(with("shards.eval.fraction", "1.5")).key());
        assertEquals("shards.size", failure(with("shards.size", "0")).key());
        assertEquals("shards.max.age.ms", failure(with("shards.max.age.ms", "soon")).key());
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> map = new java.util.HashMap<>(REQUIRED);
        map.put(key, value);
        return map;
    }

    private static InvalidConfigException failure(Map<String, String> values) {
        return assertThrows(InvalidConfigException.class, () -> ShardBuilderConfig.from(Settings.of(values)));
    }
}
