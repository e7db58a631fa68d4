package org.bioinstruct.shards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.bioinstruct.schemas.avro.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches the examples of one split (the key) into shards of {@code shardSize} records, or fewer once the
 * oldest buffered example is {@code maxAgeMs} old (a processing-time timer), so a quiet stream still
 * flushes its partial shard. At the end of a bounded input (the final watermark) the rest is flushed too.
 *
 * <p>Each shard file is written and fsynced here, before its descriptor goes downstream; the manifest
 * sink is transactional, so a manifest only becomes visible once the checkpoint that covers it commits.
 * Buffer, open timer and sequence number live in keyed state, so a restore resumes the same numbering and
 * a shard cut after the last checkpoint is rewritten under the same name (the rename replaces it).
 */
public final class ShardBatcher extends KeyedProcessFunction<String, InstructionExample, ShardDescriptor> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardBatcher.class);
    /** Event-time timer that only the final watermark of a bounded input reaches. */
    static final long END_OF_INPUT = Long.MAX_VALUE;

    private final String shardsDirectory;
    private final int shardSize;
    private final long maxAgeMs;

    private transient ListState<InstructionExample> buffer;
    private transient ValueState<Integer> bufferedCount;
    private transient ValueState<Long> ageTimer;
    private transient ValueState<Integer> lastSequence;
    private transient ShardFileWriter writer;
    private transient Counter shardsWritten;

    public ShardBatcher(String shardsDirectory, int shardSize, long maxAgeMs) {
        if (shardSize < 1 || maxAgeMs < 1) {
            throw new IllegalArgumentException("shard size and max age must be positive");
        }
        this.shardsDirectory = shardsDirectory;
        this.shardSize = shardSize;
        this.maxAgeMs = maxAgeMs;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer = getRuntimeContext().getListState(
                new ListStateDescriptor<>("buffer", TypeInformation.of(InstructionExample.class)));
        bufferedCount = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered-count", Types.INT));
        ageTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("age-timer", Types.LONG));
        lastSequence = getRuntimeContext().getState(new ValueStateDescriptor<>("last-sequence", Types.INT));
        writer = new ShardFileWriter(Path.of(shardsDirectory));
        shardsWritten = getRuntimeContext().getMetricGroup().counter("shardsWritten");
    }

    @Override
    public void processElement(InstructionExample example, Context ctx, Collector<ShardDescriptor> out)
            throws Exception {
        buffer.add(example);
        int count = bufferedCount.value() == null ? 1 : bufferedCount.value() + 1;
        TimerService timers = ctx.timerService();
        if (count == 1) {
            long deadline = timers.currentProcessingTime() + maxAgeMs;
            timers.registerProcessingTimeTimer(deadline);
            timers.registerEventTimeTimer(END_OF_INPUT);
            ageTimer.update(deadline);
        }
        if (count >= shardSize) {
            emit(Split.valueOf(ctx.getCurrentKey()), timers, out);
        } else {
            bufferedCount.update(count);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShardDescriptor> out) throws Exception {
        if (bufferedCount.value() != null) {
            emit(Split.valueOf(ctx.getCurrentKey()), ctx.timerService(), out);
        }
    }

    private void emit(Split split, TimerService timers, Collector<ShardDescriptor> out) throws Exception {
        List<InstructionExample> examples = new ArrayList<>();
        buffer.get().forEach(examples::add);
        int sequence = lastSequence.value() == null ? 1 : lastSequence.value() + 1;
        String shardId = shardId(split, sequence);
        WrittenShard file = writer.write(shardId + ".jsonl", examples);
        out.collect(ShardDescriptor.of(shardId, split, file, examples, timers.currentProcessingTime()));
        lastSequence.update(sequence);
        clearBuffer(timers);
        shardsWritten.inc();
        LOG.info("wrote shard {} ({} records, {} bytes, sha256 {})", shardId, examples.size(), file.byteSize(),
                file.sha256());
    }

    private void clearBuffer(TimerService timers) throws Exception {
        if (ageTimer.value() != null) {
            timers.deleteProcessingTimeTimer(ageTimer.value());
        }
        timers.deleteEventTimeTimer(END_OF_INPUT);
        buffer.clear();
        bufferedCount.clear();
        ageTimer.clear();
    }

    /** {@code train-000003}: lowercase split and a six-digit sequence, also the file's base name. */
    public static String shardId(Split split, int sequence) {
        return String.format(Locale.ROOT, "%s-%06d", split.name().toLowerCase(Locale.ROOT), sequence);
    }
}
