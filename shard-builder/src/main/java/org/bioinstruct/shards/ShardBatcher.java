package org.bioinstruct.shards;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.bioinstruct.schemas.avro.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches the examples of one key (a split, or a split and category) into shards of {@code shardSize}
 * records, or fewer once the oldest buffered example is {@code maxAgeMs} old (a processing-time timer), so
 * a quiet stream still flushes its partial shard. With category quotas (a configured mixture) a full shard
 * holds exactly each category's quota; surplus examples wait for the next shard, and an age flush ships at
 * most the quotas. At the end of a bounded input (the final watermark) everything left is flushed.
 *
 * <p>Each shard file is written and synced here, before its descriptor goes downstream; the manifest sink
 * is transactional, so a manifest only becomes visible once the checkpoint covering it commits. Buffer,
 * timers and the last sequence number live in keyed state: a restore resumes the same numbering, and a
 * shard cut after the restored checkpoint is written again under the same name (the commit replaces it).
 * {@link #cleanUpOrphans} removes what such cut-off attempts left behind; see {@link ShardBatcherOperator}.
 */
public final class ShardBatcher extends KeyedProcessFunction<String, InstructionExample, ShardDescriptor> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardBatcher.class);
    /** Event-time timer that only the final watermark of a bounded input reaches. */
    static final long END_OF_INPUT = Long.MAX_VALUE;

    private final ShardSpec spec;

    private transient ListState<InstructionExample> buffer;
    private transient ValueState<Integer> bufferedCount;
    private transient MapState<String, Integer> bufferedPerCategory;
    private transient ValueState<Long> ageTimer;
    private transient ValueState<Integer> lastSequence;
    private transient ShardStore store;
    private transient ShardEncoder encoder;
    private transient Counter shardsWritten;
    private transient Counter orphansDeleted;

    public ShardBatcher(ShardSpec spec) {
        this.spec = spec;
    }

    public ShardSpec spec() {
        return spec;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        buffer = getRuntimeContext().getListState(
                new ListStateDescriptor<>("buffer", TypeInformation.of(InstructionExample.class)));
        bufferedCount = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered-count", Types.INT));
        bufferedPerCategory = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("buffered-per-category", Types.STRING, Types.INT));
        ageTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("age-timer", Types.LONG));
        lastSequence = getRuntimeContext().getState(new ValueStateDescriptor<>("last-sequence", Types.INT));
        store = new ShardStore(spec.storeUri());
        encoder = new ShardEncoder(spec.format(), spec.compression());
        shardsWritten = getRuntimeContext().getMetricGroup().counter("shardsWritten");
        orphansDeleted = getRuntimeContext().getMetricGroup().counter("orphanFilesDeleted");
    }

    @Override
    public void processElement(InstructionExample example, Context ctx, Collector<ShardDescriptor> out)
            throws Exception {
        buffer.add(example);
        int count = bufferedCount.value() == null ? 1 : bufferedCount.value() + 1;
        bufferedCount.update(count);
        TimerService timers = ctx.timerService();
        if (count == 1) {
            timers.registerEventTimeTimer(END_OF_INPUT);
            armAgeTimer(timers);
        }
        Map<String, Integer> quotas = quotasOf(ctx.getCurrentKey());
        if (quotas.isEmpty()) {
            if (count >= spec.shardSize()) {
                cut(ctx.getCurrentKey(), timers, out);
            }
        } else {
            Integer inCategory = bufferedPerCategory.get(example.category());
            bufferedPerCategory.put(example.category(), inCategory == null ? 1 : inCategory + 1);
            while (bufferedCount.value() != null && everyQuotaFilled(quotas)) {
                cut(ctx.getCurrentKey(), timers, out);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShardDescriptor> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            while (bufferedCount.value() != null) {
                cut(ctx.getCurrentKey(), ctx.timerService(), out);
            }
        } else if (bufferedCount.value() != null && ageTimer.value() != null && ageTimer.value() == timestamp) {
            ageTimer.clear();
            cut(ctx.getCurrentKey(), ctx.timerService(), out);
        }
    }

    /**
     * Deletes what earlier attempts of the current key left in the store that no manifest will ever name:
     * in-progress files of writes cut off mid-way, and shard files numbered above the restored last
     * sequence (cut after the checkpoint this attempt restored, so their manifests were in a transaction
     * that was aborted). Files up to the restored sequence stay: they were cut before that checkpoint, so
     * their manifests are committed or will be committed from the restored pending transaction.
     */
    void cleanUpOrphans(String key, List<ShardKeys.StoredFile> files) throws IOException {
        int last = lastSequence.value() == null ? 0 : lastSequence.value();
        for (ShardKeys.StoredFile file : files) {
            if (file.belongsTo(key) && (file.inProgress() || file.sequence() > last)) {
                store.delete(file.fileName());
                orphansDeleted.inc();
                LOG.info("deleted orphaned shard file {} (key {}, last committed-or-pending sequence {})",
                        file.fileName(), key, last);
            }
        }
    }

    /** The shard-store files this operator could own, for {@link #cleanUpOrphans}. */
    List<ShardKeys.StoredFile> storedFiles() throws IOException {
        return store.list().stream().map(ShardKeys::parse).flatMap(Optional::stream).toList();
    }

    /**
     * The category quotas of a key's shards: the configured mixture shapes training shards only; evaluation
     * shards hold every category as it comes, so each ablation is evaluated on the same held-out set.
     */
    private Map<String, Integer> quotasOf(String key) {
        return ShardKeys.splitOf(key) == Split.EVAL ? Map.of() : spec.quotas();
    }

    private boolean everyQuotaFilled(Map<String, Integer> quotas) throws Exception {
        for (Map.Entry<String, Integer> quota : quotas.entrySet()) {
            Integer buffered = bufferedPerCategory.get(quota.getKey());
            if (buffered == null || buffered < quota.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Writes one shard from the buffer (all of it, or up to each category's quota) and emits its descriptor. */
    private void cut(String key, TimerService timers, Collector<ShardDescriptor> out) throws Exception {
        List<InstructionExample> shard = new ArrayList<>();
        List<InstructionExample> rest = new ArrayList<>();
        take(quotasOf(key), shard, rest);
        int sequence = lastSequence.value() == null ? 1 : lastSequence.value() + 1;
        String shardId = ShardKeys.shardId(key, sequence);
        WrittenShard file = store.write(spec.fileName(shardId), encoder.encode(shard));
        out.collect(ShardDescriptor.of(shardId, ShardKeys.splitOf(key), file, shard,
                timers.currentProcessingTime(), spec.manifestFormat()));
        lastSequence.update(sequence);
        keep(rest, timers);
        shardsWritten.inc();
        LOG.debug("wrote shard {} ({} records, {} bytes, sha256 {})", shardId, shard.size(), file.byteSize(),
                file.sha256());
    }

    private void take(Map<String, Integer> quotas, List<InstructionExample> shard, List<InstructionExample> rest)
            throws Exception {
        if (quotas.isEmpty()) {
            buffer.get().forEach(shard::add);
            return;
        }
        Map<String, Integer> taken = new HashMap<>();
        for (InstructionExample example : buffer.get()) {
            int quota = quotas.getOrDefault(example.category(), 0);
            if (taken.getOrDefault(example.category(), 0) < quota) {
                shard.add(example);
                taken.merge(example.category(), 1, Integer::sum);
            } else {
                rest.add(example);
            }
        }
    }

    /** Leaves {@code rest} buffered, or clears every piece of state but the sequence number and all timers. */
    private void keep(List<InstructionExample> rest, TimerService timers) throws Exception {
        if (ageTimer.value() != null) {
            timers.deleteProcessingTimeTimer(ageTimer.value());
            ageTimer.clear();
        }
        bufferedPerCategory.clear();
        if (rest.isEmpty()) {
            timers.deleteEventTimeTimer(END_OF_INPUT);
            buffer.clear();
            bufferedCount.clear();
            return;
        }
        buffer.update(rest);
        bufferedCount.update(rest.size());
        for (InstructionExample example : rest) {
            Integer n = bufferedPerCategory.get(example.category());
            bufferedPerCategory.put(example.category(), n == null ? 1 : n + 1);
        }
        armAgeTimer(timers);
    }

    private void armAgeTimer(TimerService timers) throws IOException {
        long deadline = timers.currentProcessingTime() + spec.maxAgeMs();
        timers.registerProcessingTimeTimer(deadline);
        ageTimer.update(deadline);
    }
}
