package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.split.SplitAssigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a Flink MiniCluster, with a bounded in-memory source and collecting sinks. */
class ShardBuilderJobTest {
    private static final int RECORDS = 600;
    private static final int SHARD_SIZE = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path dataDir;

    @Test
    void putsEveryDecodedExampleInExactlyOneShardFileAndManifest() throws Exception {
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(Map.of(
                "bootstrap.servers", "unused:9092", "schema.registry.url", "mock://shard-builder-job",
                "data.dir", dataDir.toString(), "shards.size", Integer.toString(SHARD_SIZE),
                "shards.eval.fraction", "0.2", "shards.checkpoint.interval.ms", "200")));
        CollectingSink<ShardDescriptor> manifests = new CollectingSink<>("manifests");
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>("dead-letters");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(ShardBuilderJob.flinkConfiguration(config));
        env.setParallelism(2);
        new ShardBuilderJob(config, new DataGeneratorSource<>(ShardBuilderJobTest::incoming, RECORDS,
                TypeInformation.of(DecodedRecord.class)), manifests, deadLetters).build(env);

        env.execute("shard-builder-test");

        List<String> expectedIds = LongStream.range(0, RECORDS).filter(i -> !undecodable(i))
                .mapToObj(i -> "inst-" + i).toList();
        List<ShardDescriptor> shards = manifests.collected();
        List<String> idsInManifests = shards.stream().flatMap(s -> s.instructionIds().stream()).toList();
        assertEquals(expectedIds.size(), idsInManifests.size(), "no example lost or duplicated");
        assertEquals(Set.copyOf(expectedIds), Set.copyOf(idsInManifests));

        SplitAssigner splits = config.splitAssigner();
        List<String> idsInFiles = new ArrayList<>();
        for (ShardDescriptor shard : shards) {
            Path file = Path.of(URI.create(shard.uri()));
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(ShardStore.sha256Hex(bytes), shard.sha256(), shard.shardId());
            assertEquals(bytes.length, shard.byteSize());
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            List<String> ids = new ArrayList<>();
            for (String line : lines) {
                ids.add(JSON.readTree(line).get("id").asText());
            }
            assertEquals(shard.instructionIds(), ids, shard.shardId());
            assertEquals(shard.recordCount(), ids.size());
            lines.forEach(line -> assertEquals(shard.split(), splits.splitOf(example(line)).name(), line));
            idsInFiles.addAll(ids);
        }
        assertEquals(idsInManifests.size(), idsInFiles.size());
        assertEquals(Set.copyOf(expectedIds), Set.copyOf(idsInFiles));

        Set<String> filesOnDisk;
        try (Stream<Path> files = Files.list(Path.of(URI.create(config.storeUri())))) {
            filesOnDisk = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(shards.stream().map(s -> s.shardId() + ".jsonl").collect(Collectors.toSet()), filesOnDisk);

        Map<String, Integer> partialShards = new HashMap<>();
        shards.stream().filter(s -> s.recordCount() < SHARD_SIZE).forEach(s -> partialShards.merge(s.split(), 1,
                Integer::sum));
        assertTrue(partialShards.values().stream().allMatch(n -> n == 1), "at most one partial shard per split");
        assertTrue(shards.stream().anyMatch(s -> s.split().equals("EVAL")));

        long expectedDeadLetters = LongStream.range(0, RECORDS).filter(ShardBuilderJobTest::undecodable).count();
        assertEquals(expectedDeadLetters, deadLetters.collected().size());
    }

    @Test
    void trainsOnTheSelectedCategoriesButEvaluatesOnEveryCategory() throws Exception {
        ShardBuilderSettings config = ShardBuilderSettings.from(Settings.of(Map.of(
                "bootstrap.servers", "unused:9092", "schema.registry.url", "mock://shard-builder-qa-only",
                "data.dir", dataDir.toString(), "shards.size", Integer.toString(SHARD_SIZE),
                "shards.eval.fraction", "0.2", "shards.categories", "QA", "shards.checkpoint.interval.ms", "200")));
        CollectingSink<ShardDescriptor> manifests = new CollectingSink<>("qa-only-manifests");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(ShardBuilderJob.flinkConfiguration(config));
        env.setParallelism(2);
        new ShardBuilderJob(config, new DataGeneratorSource<>(ShardBuilderJobTest::incoming, RECORDS,
                TypeInformation.of(DecodedRecord.class)), manifests, new CollectingSink<>("qa-only-dlq")).build(env);

        env.execute("shard-builder-qa-only-test");

        SplitAssigner splits = config.splitAssigner();
        Map<String, Set<String>> categoriesBySplit = new HashMap<>();
        for (ShardDescriptor shard : manifests.collected()) {
            for (String line : Files.readAllLines(Path.of(URI.create(shard.uri())))) {
                categoriesBySplit.computeIfAbsent(shard.split(), k -> new HashSet<>())
                        .add(example(line).category());
            }
        }
        assertEquals(Set.of("QA"), categoriesBySplit.get("TRAIN"));
        assertEquals(Set.of("QA", "IE", "GEN", "OTHER"), categoriesBySplit.get("EVAL"));
        long expected = LongStream.range(0, RECORDS).filter(i -> !undecodable(i))
                .mapToObj(i -> incoming(i).example())
                .filter(e -> e.category().equals("QA") || splits.splitOf(e) == Split.EVAL)
                .count();
        assertEquals(expected, manifests.collected().stream().mapToLong(ShardDescriptor::recordCount).sum());
    }

    private static InstructionExample example(String line) {
        try {
            JsonNode json = JSON.readTree(line);
            return new InstructionExample(json.get("id").asText(), json.get("instruction").asText(),
                    json.get("input").asText(), json.get("output").asText(), json.get("category").asText(),
                    json.get("source").asText(), 0, 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean undecodable(long i) {
        return i % 37 == 5;
    }

    private static DecodedRecord incoming(long i) {
        int partition = (int) (i % 3);
        long offset = i / 3;
        if (undecodable(i)) {
            return DecodedRecord.undecodable(new DeadLetter("accepted", partition, offset, null,
                    new byte[] {0, 0, 0, 0, 9}, "org.apache.kafka.common.errors.SerializationException",
                    "unknown schema id 9"));
        }
        return DecodedRecord.of(Examples.example("inst-" + i, partition, offset));
    }
}
