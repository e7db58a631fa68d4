package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardBuilderSettingsTest {
    private static final Map<String, String> REQUIRED = Map.of(
            "bootstrap.servers", "localhost:9092", "schema.registry.url", "http://localhost:8081",
            "data.dir", "/var/bioinstruct");

    @Test
    void appliesTheDocumentedDefaults() {
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(REQUIRED));

        assertEquals("bioinstruct.instructions.accepted", config.acceptedTopic());
        assertEquals("bioinstruct.shards.ready", config.shardsTopic());
        assertEquals("bioinstruct.dlq", config.dlqTopic());
        assertEquals("bioinstruct-shard-builder", config.groupId());
        assertEquals(0.1, config.evalFraction());
        assertEquals(Map.of(), config.categoryEvalFractions());
        assertEquals(64, config.shardSize());
        assertEquals(3_000, config.maxAgeMs());
        assertEquals("file:///var/bioinstruct/shards", config.storeUri());
        assertEquals(ShardFormat.JSONL, config.format());
        assertEquals(Compression.NONE, config.compression());
        assertEquals(Batching.MIXED, config.batching());
        assertEquals(List.of("QA", "IE", "GEN", "OTHER"), config.categories());
        assertTrue(config.mixture().isEmpty());
        assertEquals("file:///var/bioinstruct/flink-checkpoints", config.checkpointUri());
        assertEquals(Optional.of(Path.of("/var/bioinstruct/flink-checkpoints")), config.localCheckpointDir());
        assertEquals(2_000, config.checkpointIntervalMs());
        assertEquals(1, config.parallelism());
        assertEquals("bioinstruct-shards", config.transactionalIdPrefix());
        assertTrue(config.restore());
    }

    @Test
    void needsNoDataDirWhenBothLocationsAreGiven() {
        Settings settings = Settings.of(Map.of("bootstrap.servers", "b:9092", "schema.registry.url", "mock://x",
                "shards.dir", "/s", "shards.checkpoint.dir", "/c", "topic.accepted", "acc",
                "kafka.security.protocol", "SSL"));

        ShardBuilderSettings config = ShardBuilderSettings.from(settings);

        assertEquals("file:///s", config.storeUri());
        assertEquals("file:///c", config.checkpointUri());
        assertEquals("acc", config.acceptedTopic());
        assertEquals(Map.of("security.protocol", "SSL"), config.kafkaOverrides());
    }

    @Test
    void takesAnyFileSystemUriForTheStoreAndTheCheckpoints() {
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(with(Map.of(
                "shards.store.uri", "s3://bucket/bioinstruct/shards/",
                "shards.checkpoint.dir", "s3://bucket/bioinstruct/checkpoints"))));

        assertEquals("s3://bucket/bioinstruct/shards", config.storeUri());
        assertEquals("s3://bucket/bioinstruct/checkpoints", config.checkpointUri());
        assertEquals(Optional.empty(), config.localCheckpointDir());
    }

    @Test
    void makesTheAblationsConfiguration() {
        ShardBuilderSettings qaOnly = ShardBuilderSettings.from(Settings.of(with(Map.of("shards.categories", "qa"))));
        assertEquals(List.of("QA"), qaOnly.categories());

        ShardBuilderSettings perCategory = ShardBuilderSettings.from(Settings.of(with(Map.of(
                "shards.batching", "per-category", "shards.categories", "GEN,IE", "shards.format", "parquet",
                "shards.compression", "gzip", "shards.eval.fraction.GEN", "0.25"))));
        assertEquals(List.of("IE", "GEN"), perCategory.categories());
        assertEquals(Batching.PER_CATEGORY, perCategory.batching());
        assertEquals(List.of("TRAIN/IE", "TRAIN/GEN", "EVAL/QA", "EVAL/IE", "EVAL/GEN", "EVAL/OTHER"),
                perCategory.shardSpec().keys(), "evaluation shards keep every category");
        assertEquals("parquet", perCategory.shardSpec().manifestFormat());
        assertEquals(0.25, perCategory.splitAssigner().fractionOf("GEN"));
        assertEquals(0.1, perCategory.splitAssigner().fractionOf("IE"));

        ShardBuilderSettings mixed = ShardBuilderSettings.from(Settings.of(with(Map.of(
                "shards.mixture", "QA:2,IE:1,GEN:1", "shards.size", "8"))));
        assertEquals(List.of("QA", "IE", "GEN"), mixed.categories());
        assertEquals(Map.of("QA", 4, "IE", 2, "GEN", 2), mixed.shardSpec().quotas());
    }

    @Test
    void namesTheMissingOrInvalidKey() {
        assertEquals("data.dir", failure(Map.of("bootstrap.servers", "b", "schema.registry.url", "u")).key());
        assertEquals("bootstrap.servers", failure(Map.of("schema.registry.url", "u", "data.dir", "/d")).key());
        assertEquals("shards.eval.fraction", failure(with("shards.eval.fraction", "1.5")).key());
        assertEquals("shards.eval.fraction.QA", failure(with("shards.eval.fraction.QA", "2")).key());
        assertEquals("shards.eval.fraction.XX", failure(with("shards.eval.fraction.XX", "0.1")).key());
        assertEquals("shards.size", failure(with("shards.size", "0")).key());
        assertEquals("shards.max.age.ms", failure(with("shards.max.age.ms", "soon")).key());
        assertEquals("shards.format", failure(with("shards.format", "csv")).key());
        assertEquals("shards.compression", failure(with("shards.compression", "lz4")).key());
        assertEquals("shards.batching", failure(with("shards.batching", "random")).key());
        assertEquals("shards.categories", failure(with("shards.categories", "QA,MATH")).key());
        assertEquals("shards.mixture", failure(with("shards.mixture", "QA:1,IE:-1")).key());
        assertEquals("shards.mixture", failure(with(Map.of("shards.mixture", "QA:100,IE:1", "shards.size", "10")))
                .key(), "a share that rounds to no record");
        assertEquals("shards.mixture", failure(with(Map.of("shards.mixture", "QA:1,IE:1",
                "shards.batching", "per-category"))).key());
        assertEquals("shards.categories", failure(with(Map.of("shards.mixture", "QA:1,IE:1",
                "shards.categories", "QA"))).key());
        assertEquals("shards.store.uri", failure(with("shards.store.uri", "relative/dir")).key());
        assertEquals("shards.checkpoint.dir", failure(with("shards.checkpoint.dir", "s3://b ad")).key());
    }

    private static Map<String, String> with(String key, String value) {
        return with(Map.of(key, value));
    }

    private static Map<String, String> with(Map<String, String> values) {
        Map<String, String> map = new HashMap<>(REQUIRED);
        map.putAll(values);
        return map;
    }

    private static InvalidConfigException failure(Map<String, String> values) {
        return assertThrows(InvalidConfigException.class, () -> ShardBuilderSettings.from(Settings.of(values)));
    }

    @Test
    void serdeConfigCarriesTheRegistryCredentialsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("registry-user-info"), "svc:pw");
        var config = ShardBuilderSettings.from(Settings.of(with(RegistryCredentials.USER_INFO_FILE, file.toString())));
        assertEquals(file.toString(), config.serdeConfig().get(RegistryCredentials.USER_INFO_FILE));
    }
}
