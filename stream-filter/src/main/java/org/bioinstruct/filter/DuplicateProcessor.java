package org.bioinstruct.filter;

import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bioinstruct.filter.neardup.Match;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact, then near-duplicate check, over records keyed by content hash, in a sub-topology with a single
 * partition: every decision sees every earlier task whichever partition or instance it came from. The
 * first task with a given content is remembered in a persistent store (hash -> its id), and every later
 * one is an exact duplicate of it. A first-seen task is then compared with everything accepted so far;
 * the compared texts of accepted tasks are kept in a persistent, changelogged store, and the in-memory
 * index is rebuilt from it whenever the task is (re)initialized.
 */
final class DuplicateProcessor implements FixedKeyProcessor<String, RawInstruction, DuplicateProcessor.Outcome> {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateProcessor.class);

    /**
     * The task; the id of the first task with the same content, if it repeats one; otherwise its nearest
     * accepted neighbour if any, and whether that one is too near.
     */
    record Outcome(RawInstruction task, String firstId, Optional<Match> nearest, boolean nearDuplicate) {
        static Outcome exactDuplicate(RawInstruction task, String firstId) {
            return new Outcome(task, firstId, Optional.empty(), false);
        }

        boolean exactDuplicate() {
            return firstId != null;
        }
    }

    private final String seenStoreName;
    private final String acceptedStoreName;
    private final NearDuplicateSettings settings;
    private final FilterCounters counters;
    private FixedKeyProcessorContext<String, Outcome> context;
    private KeyValueStore<String, String> seen;
    private KeyValueStore<String, String> accepted;
    private NearDuplicateStage stage;

    DuplicateProcessor(String seenStoreName, String acceptedStoreName, NearDuplicateSettings settings,
                       FilterCounters counters) {
        this.seenStoreName = seenStoreName;
        this.acceptedStoreName = acceptedStoreName;
        this.settings = settings;
        this.counters = counters;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
        this.context = context;
        this.seen = context.getStateStore(seenStoreName);
        this.accepted = context.getStateStore(acceptedStoreName);
        this.stage = new NearDuplicateStage(settings);
        long start = System.nanoTime();
        try (KeyValueIterator<String, String> all = accepted.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                stage.restore(entry.key, entry.value);
            }
        }
        reportIndexSize();
        if (stage.size() > 0) {
            LOG.info("near-duplicate index rebuilt: {} accepted tasks in {} ms, about {} bytes", stage.size(),
                    (System.nanoTime() - start) / 1_000_000, stage.approximateBytes());
        }
    }

    @Override
    public void process(FixedKeyRecord<String, RawInstruction> record) {
        context.forward(record.withValue(judge(record.key(), record.value())));
    }

    private void reportIndexSize() {
        counters.index(stage.size(), stage.approximateBytes());
    }

    private Outcome judge(String contentHash, RawInstruction task) {
        String firstId = seen.putIfAbsent(contentHash, task.getId());
        if (firstId != null) {
            return Outcome.exactDuplicate(task, firstId);
        }
        Optional<Match> nearest = stage.nearest(task);
        boolean nearDuplicate = stage.tooNear(nearest);
        if (!nearDuplicate) {
            accepted.put(task.getId(), stage.accept(task));
            reportIndexSize();
        }
        return new Outcome(task, null, nearest, nearDuplicate);
    }
}
