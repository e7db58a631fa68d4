package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.bioinstruct.schemas.split.SplitAssigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batching operator, driven by Flink's keyed operator harness with its own processing-time clock. */
class ShardBatcherTest {
    private static final int SHARD_SIZE = 4;
    private static final long MAX_AGE_MS = 1_000;
    private static final List<String> MIXED_KEYS = List.of("TRAIN", "EVAL");

    @TempDir
    Path shards;

    private KeyedOneInputStreamOperatorTestHarness<String, InstructionExample, ShardDescriptor> harness;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void emitsAShardOnceItHoldsShardSizeRecords() throws Exception {
        harness = open(0.0, Batching.MIXED, Map.of());
        List<InstructionExample> input = Examples.examples("t", SHARD_SIZE);
        for (int i = 0; i < SHARD_SIZE - 1; i++) {
            harness.processElement(input.get(i), i);
        }
        assertTrue(harness.extractOutputValues().isEmpty(), "no shard before it is full");

        harness.processElement(input.get(SHARD_SIZE - 1), 0);

        List<ShardDescriptor> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        ShardDescriptor shard = out.get(0);
        assertEquals("train-000001", shard.shardId());
        assertEquals("TRAIN", shard.split());
        assertEquals("jsonl", shard.format());
        assertEquals(SHARD_SIZE, shard.recordCount());
        assertEquals(List.of("t-0", "t-1", "t-2", "t-3"), shard.instructionIds());
        assertEquals(Map.of("QA", 1, "IE", 1, "GEN", 1, "OTHER", 1), shard.categoryCounts());
        assertEquals(List.of(new SourceRange(0, 0, 2), new SourceRange(1, 1, 3)), shard.sourceOffsets());
        Path file = shards.resolve("train-000001.jsonl");
        assertEquals(file.toUri().toString(), shard.uri());
        assertEquals(ShardStore.sha256Hex(Files.readAllBytes(file)), shard.sha256());
        assertEquals(Files.size(file), shard.byteSize());
    }

    @Test
    void emitsAPartialShardWhenTheAgeTimerFires() throws Exception {
        harness = open(1.0, Batching.MIXED, Map.of());
        harness.setProcessingTime(500);
        Examples.examples("e", 3).forEach(this::process);

        harness.setProcessingTime(500 + MAX_AGE_MS - 1);
        assertTrue(harness.extractOutputValues().isEmpty(), "not flushed before max age");

        harness.setProcessingTime(500 + MAX_AGE_MS);
        List<ShardDescriptor> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals("eval-000001", out.get(0).shardId());
        assertEquals(3, out.get(0).recordCount());
        assertEquals(500 + MAX_AGE_MS, out.get(0).createdAtMillis());
        assertEquals(3, Files.readAllLines(shards.resolve("eval-000001.jsonl")).size());
        assertNothingBufferedOrScheduled(1);
    }

    @Test
    void keepsOnlyTheSequenceNumberAndNoTimersAfterEmitting() throws Exception {
        harness = open(0.0, Batching.MIXED, Map.of());
        Examples.examples("full", SHARD_SIZE).forEach(this::process);
        assertNothingBufferedOrScheduled(1);

        Examples.examples("partial", 2).forEach(this::process);
        assertEquals(1, harness.numProcessingTimeTimers(), "the age timer of the open shard");
        assertEquals(1, harness.numEventTimeTimers(), "the end-of-input timer of the open shard");
        harness.setProcessingTime(MAX_AGE_MS);
        assertEquals(2, harness.extractOutputValues().size());
        assertNothingBufferedOrScheduled(1);
    }

    @Test
    void numbersShardsPerSplitWithoutGaps() throws Exception {
        harness = open(0.5, Batching.MIXED, Map.of());
        List<InstructionExample> input = Examples.examples("mixed", 40);
        input.forEach(this::process);
        harness.setProcessingTime(MAX_AGE_MS);

        List<ShardDescriptor> out = harness.extractOutputValues();
        SplitAssigner assigner = new SplitAssigner(0.5);
        for (String split : MIXED_KEYS) {
            List<String> ids = out.stream().filter(s -> s.split().equals(split)).map(ShardDescriptor::shardId).toList();
            long expectedRecords = input.stream().filter(e -> assigner.splitOf(e).name().equals(split)).count();
            assertEquals((expectedRecords + SHARD_SIZE - 1) / SHARD_SIZE, ids.size());
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(split.toLowerCase() + String.format("-%06d", i + 1), ids.get(i));
            }
        }
        assertEquals(input.size(), out.stream().mapToInt(ShardDescriptor::recordCount).sum());
    }

    @Test
    void flushesWhatIsLeftWhenABoundedInputEnds() throws Exception {
        harness = open(0.0, Batching.MIXED, Map.of());
        Examples.examples("tail", 3).forEach(this::process);

        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        assertEquals(1, harness.extractOutputValues().size());
        assertEquals(3, harness.extractOutputValues().get(0).recordCount());
        assertNothingBufferedOrScheduled(1);
    }

    @Test
    void batchesEachCategoryIntoItsOwnShards() throws Exception {
        harness = open(0.0, Batching.PER_CATEGORY, Map.of());
        for (int i = 0; i < 12; i++) {
            process(Examples.example("c-" + i, i % 4 == 0 ? "QA" : "IE", 0, i));
        }

        List<ShardDescriptor> full = harness.extractOutputValues();
        assertEquals(List.of("train-ie-000001", "train-ie-000002"), full.stream().map(ShardDescriptor::shardId).toList());
        assertTrue(full.stream().allMatch(s -> s.categoryCounts().equals(Map.of("IE", SHARD_SIZE))));

        harness.setProcessingTime(MAX_AGE_MS);
        Map<String, Map<String, Integer>> partial = harness.extractOutputValues().stream().skip(2)
                .collect(Collectors.toMap(ShardDescriptor::shardId, ShardDescriptor::categoryCounts));
        assertEquals(Map.of("train-qa-000001", Map.of("QA", 3), "train-ie-000003", Map.of("IE", 1)), partial);
        assertTrue(Files.exists(shards.resolve("train-qa-000001.jsonl")));
        assertNothingBufferedOrScheduled(2);
    }

    @Test
    void fillsMixedShardsToTheCategoryQuotasAndShipsSurplusLater() throws Exception {
        harness = open(0.0, Batching.MIXED, Map.of("QA", 2, "IE", 1, "GEN", 1));
        List<String> arrivals = List.of("QA", "QA", "QA", "GEN", "QA", "QA", "GEN");
        for (int i = 0; i < arrivals.size(); i++) {
            process(Examples.example("m-" + i, arrivals.get(i), 0, i));
        }
        assertTrue(harness.extractOutputValues().isEmpty(), "no IE yet, so no full shard");

        process(Examples.example("ie-1", "IE", 0, 0));
        List<ShardDescriptor> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(Map.of("QA", 2, "IE", 1, "GEN", 1), out.get(0).categoryCounts());

        harness.setProcessingTime(MAX_AGE_MS);
        out = harness.extractOutputValues();
        assertEquals(2, out.size());
        assertEquals(Map.of("QA", 2, "GEN", 1), out.get(1).categoryCounts(), "an age flush ships at most the quotas");
        assertEquals(1, harness.numProcessingTimeTimers(), "the surplus QA waits with a fresh age timer");

        harness.setProcessingTime(2 * MAX_AGE_MS);
        out = harness.extractOutputValues();
        assertEquals(3, out.size());
        assertEquals(Map.of("QA", 1), out.get(2).categoryCounts());
        assertEquals(8, out.stream().mapToInt(ShardDescriptor::recordCount).sum());
        assertNothingBufferedOrScheduled(1);
    }

    @Test
    void resumesBufferTimerAndNumberingFromACheckpoint() throws Exception {
        harness = open(0.0, Batching.MIXED, Map.of());
        Examples.examples("before", SHARD_SIZE + 2).forEach(this::process);
        OperatorSubtaskState checkpoint = harness.snapshot(1L, 10L);
        harness.close();

        harness = restore(checkpoint, Batching.MIXED);
        Examples.examples("after", 2).forEach(this::process);

        List<ShardDescriptor> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals("train-000002", out.get(0).shardId());
        assertEquals(List.of("before-4", "before-5", "after-0", "after-1"), out.get(0).instructionIds());
    }

    @Test
    void deletesWhatAttemptsAfterTheRestoredCheckpointLeftAndKeepsShardsUpToItsSequence() throws Exception {
        harness = open(0.0, Batching.MIXED, Map.of());
        Examples.examples("committed", SHARD_SIZE).forEach(this::process);
        OperatorSubtaskState checkpoint = harness.snapshot(1L, 10L);
        Examples.examples("aborted", 2 * SHARD_SIZE).forEach(this::process);
        harness.close();
        Files.write(shards.resolve(".train-000004.jsonl.inprogress.5c1d"), new byte[] {1});
        Files.write(shards.resolve(".train-000001.jsonl.inprogress.77aa"), new byte[] {1});
        Files.write(shards.resolve("eval-000001.jsonl"), new byte[] {1});
        Files.write(shards.resolve("notes.txt"), new byte[] {1});
        assertEquals(Set.of("train-000001.jsonl", "train-000002.jsonl", "train-000003.jsonl", "eval-000001.jsonl",
                ".train-000004.jsonl.inprogress.5c1d", ".train-000001.jsonl.inprogress.77aa", "notes.txt"), files());

        harness = restore(checkpoint, Batching.MIXED);

        assertEquals(Set.of("train-000001.jsonl", "notes.txt"), files(),
                "shard 1's manifest is committed or pending in the restored transaction; the rest never commit");
        Examples.examples("replayed", SHARD_SIZE).forEach(this::process);
        assertEquals("train-000002", harness.extractOutputValues().get(0).shardId());
    }

    @Test
    void cleansOnlyTheKeysItsSubtaskOwns() throws Exception {
        int maxParallelism = 128;
        int trainOwner = KeyGroupRangeAssignment.assignKeyToParallelOperator("TRAIN", maxParallelism, 2);
        int evalOwner = KeyGroupRangeAssignment.assignKeyToParallelOperator("EVAL", maxParallelism, 2);
        Files.write(shards.resolve("train-000001.jsonl"), new byte[] {1});
        Files.write(shards.resolve("eval-000001.jsonl"), new byte[] {1});

        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator(Batching.MIXED, Map.of()),
                keys(0.0, Batching.MIXED), Types.STRING, maxParallelism, 2, trainOwner);
        harness.open();

        assertTrue(!files().contains("train-000001.jsonl"), "its own key's orphan is gone");
        assertEquals(trainOwner != evalOwner, files().contains("eval-000001.jsonl"), "another subtask's file stays");
    }

    private void assertNothingBufferedOrScheduled(int keys) {
        assertEquals(0, harness.numProcessingTimeTimers(), "processing-time timers");
        assertEquals(0, harness.numEventTimeTimers(), "event-time timers");
        assertEquals(keys, harness.numKeyedStateEntries(), "only each key's last sequence number stays in state");
    }

    private Set<String> files() throws Exception {
        try (Stream<Path> list = Files.list(shards)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private void process(InstructionExample example) {
        try {
            harness.processElement(example, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, InstructionExample, ShardDescriptor> open(
            double evalFraction, Batching batching, Map<String, Integer> quotas) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, InstructionExample, ShardDescriptor> opened =
                new KeyedOneInputStreamOperatorTestHarness<>(operator(batching, quotas), keys(evalFraction, batching),
                        Types.STRING);
        opened.open();
        return opened;
    }

    private KeyedOneInputStreamOperatorTestHarness<String, InstructionExample, ShardDescriptor> restore(
            OperatorSubtaskState checkpoint, Batching batching) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, InstructionExample, ShardDescriptor> restored =
                new KeyedOneInputStreamOperatorTestHarness<>(operator(batching, Map.of()), keys(0.0, batching),
                        Types.STRING);
        restored.initializeState(checkpoint);
        restored.open();
        return restored;
    }

    private ShardBatcherOperator operator(Batching batching, Map<String, Integer> quotas) {
        return new ShardBatcherOperator(new ShardBatcher(new ShardSpec(Examples.storeUri(shards), ShardFormat.JSONL,
                Compression.NONE, SHARD_SIZE, MAX_AGE_MS, quotas,
                ShardKeys.all(batching, ShardBuilderSettings.ALL_CATEGORIES))));
    }

    private static ShardKeys keys(double evalFraction, Batching batching) {
        return new ShardKeys(new SplitAssigner(evalFraction), batching);
    }
}
