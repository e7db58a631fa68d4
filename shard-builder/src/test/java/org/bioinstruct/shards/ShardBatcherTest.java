package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardBatcherTest {
    private static final int SHARD_SIZE = 4;
    private static final long MAX_AGE_MS = 1_000;

    @TempDir
    Path shards;

    private KeyedOneInputStreamOperatorTestHarness<String, InstructionExample, ShardDescriptor> harness;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void emitsAShardOnceItHoldsShardSizeRecords() throws Exception {
        harness = harness(0.0);
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
        assertEquals(SHARD_SIZE, shard.recordCount());
        assertEquals(List.of("t-0", "t-1", "t-2", "t-3"), shard.instructionIds());
        assertEquals(Map.of("QA", 1, "IE", 1, "GEN", 1, "OTHER", 1), shard.categoryCounts());
        assertEquals(List.of(new SourceRange(0, 0, 2), new SourceRange(1, 1, 3)), shard.sourceOffsets());
        Path file = shards.resolve("train-000001.jsonl");
        assertEquals(file.toUri().toString(), shard.uri());
        assertEquals(ShardFileWriter.sha256Hex(Files.readAllBytes(file)), shard.sha256());
        assertEquals(Files.size(file), shard.byteSize());
    }

    @Test
    void emitsAPartialShardWhenTheAgeTimerFires() throws Exception {
        harness = harness(1.0);
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
    }

    @Test
    void keepsOnlyTheSequenceNumberAndNoTimersAfterEmitting() throws Exception {
        harness = harness(0.0);
        Examples.examples("full", SHARD_SIZE).forEach(this::process);
        assertNothingBufferedOrScheduled();

        Examples.examples("partial", 2).forEach(this::process);
        assertEquals(2, harness.numProcessingTimeTimers() + harness.numEventTimeTimers(),
                "an age timer and an end-of-input timer while a shard is open");
        harness.setProcessingTime(MAX_AGE_MS);
        assertEquals(2, harness.extractOutputValues().size());
        assertNothingBufferedOrScheduled();
    }

    @Test
    void numbersShardsPerSplitWithoutGaps() throws Exception {
        harness = harness(0.5);
        List<InstructionExample> input = Examples.examples("mixed", 40);
        input.forEach(this::process);
        harness.setProcessingTime(MAX_AGE_MS);

        List<ShardDescriptor> out = harness.extractOutputValues();
        SplitAssigner assigner = new SplitAssigner(0.5);
        for (String split : List.of("TRAIN", "EVAL")) {
            List<String> ids = out.stream().filter(s -> s.split().equals(split)).map(ShardDescriptor::shardId).toList();
            long expectedRecords = input.stream().filter(e -> assigner.getKey(e).equals(split)).count();
            assertEquals((expectedRecords + SHARD_SIZE - 1) / SHARD_SIZE, ids.size());
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(split.toLowerCase() + String.format("-%06d", i + 1), ids.get(i));
            }
        }
        assertEquals(input.size(), out.stream().mapToInt(ShardDescriptor::recordCount).sum());
    }

    @Test
    void flushesWhatIsLeftWhenABoundedInputEnds() throws Exception {
        harness = harness(0.0);
        Examples.examples("tail", 3).forEach(this::process);

        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        assertEquals(1, harness.extractOutputValues().size());
        assertEquals(3, harness.extractOutputValues().get(0).recordCount());
        assertNothingBufferedOrScheduled();
    }

    @Test
    void resumesBufferTimerAndNumberingFromACheckpoint() throws Exception {
        harness = harness(0.0);
        Examples.examples("before", SHARD_SIZE + 2).forEach(this::process);
        OperatorSubtaskState checkpoint = harness.snapshot(1L, 10L);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ShardBatcher(shards.toString(), SHARD_SIZE, MAX_AGE_MS)),
                new SplitAssigner(0.0), Types.STRING);
        harness.initializeState(checkpoint);
        harness.open();
        Examples.examples("after", 2).forEach(this::process);

        List<ShardDescriptor> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals("train-000002", out.get(0).shardId());
        assertEquals(List.of("before-4", "before-5", "after-0", "after-1"), out.get(0).instructionIds());
        assertNothingBufferedOrScheduled();
    }

    private void assertNothingBufferedOrScheduled() {
        assertEquals(0, harness.numProcessingTimeTimers(), "processing-time timers");
        assertEquals(0, harness.numEventTimeTimers(), "event-time timers");
        assertEquals(1, harness.numKeyedStateEntries(), "only the split's last sequence number stays in state");
    }

    private void process(InstructionExample example) {
        try {
            harness.processElement(example, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, InstructionExample, ShardDescriptor> harness(
            double evalFraction) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ShardBatcher(shards.toString(), SHARD_SIZE, MAX_AGE_MS), new SplitAssigner(evalFraction),
                Types.STRING);
    }
}
