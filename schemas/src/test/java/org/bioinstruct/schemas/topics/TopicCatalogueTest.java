package org.bioinstruct.schemas.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    @Test
    void defaultNamesFollowTheDesign() {
        Set<String> names = TopicCatalogue.defaults().all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertEquals(Set.of("bioinstruct.instructions.raw", "bioinstruct.instructions.accepted",
                "bioinstruct.instructions.rejected", "bioinstruct.shards.ready", "bioinstruct.model.checkpoints",
                "bioinstruct.metrics.training", "bioinstruct.metrics.eval", "bioinstruct.dlq"), names);
    }

    @Test
    void trainingSideTopicsHaveOnePartition() {
        TopicCatalogue catalogue = TopicCatalogue.defaults();
        assertEquals(1, catalogue.shardsReady().partitions());
        assertEquals(1, catalogue.checkpoints().partitions());
        assertTrue(catalogue.raw().partitions() > 1);
    }

    @Test
    void namesAndPartitionsAreConfigurable() {
        TopicCatalogue catalogue = TopicCatalogue.from(Settings.of(Map.of(
                "topic.raw", "lab.raw", "topic.raw.partitions", "8")));
        assertEquals("lab.raw", catalogue.raw().name());
        assertEquals(8, catalogue.raw().partitions());
    }

    @Test
    void invalidPartitionCountNamesTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> TopicCatalogue.from(Settings.of(Map.of("topic.shards.partitions", "zero"))));
        assertEquals("topic.shards.partitions", e.key());
    }

    @Test
    void catalogueSerdesRoundTripWithTheConfiguredRegistry() {
        TopicSpec<String, ShardManifest> shards = TopicCatalogue.defaults().shardsReady();
        Map<String, String> serdeConfig = Map.of("schema.registry.url", "mock://catalogue-test");
        ShardManifest manifest = ShardManifest.newBuilder()
                .setShardId("train-000001").setUri("file:///tmp/train-000001.jsonl")
                .setSplit(org.bioinstruct.schemas.avro.Split.TRAIN).setRecordCount(2)
                .setSha256("ab").setByteSize(10).setCreatedAt(java.time.Instant.EPOCH).build();

        byte[] bytes = shards.valueSerde(serdeConfig).serializer().serialize(shards.name(), manifest);

        assertEquals(manifest, shards.valueSerde(serdeConfig).deserializer().deserialize(shards.name(), bytes));
    }

    @Test
    void serdeWithoutRegistryUrlFailsNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> TopicCatalogue.defaults().raw().valueSerde(Map.of()));
        assertEquals("schema.registry.url", e.key());
    }
}
