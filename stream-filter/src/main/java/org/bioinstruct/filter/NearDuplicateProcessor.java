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
 * Near-duplicate check against everything accepted so far. It runs in a sub-topology with a single
 * partition, so every decision sees every earlier acceptance whichever partition or instance the tasks
 * came from. The compared texts of accepted tasks are kept in a persistent, changelogged store; the
 * in-memory index is rebuilt from it whenever the task is (re)initialized.
 */
final class NearDuplicateProcessor implements FixedKeyProcessor<String, RawInstruction, NearDuplicateProcessor.Outcome> {
    private static final Logger LOG = LoggerFactory.getLogger(NearDuplicateProcessor.class);

    /** The task, its nearest accepted neighbour if any, and whether that one is too near. */
    record Outcome(RawInstruction task, Optional<Match> nearest, boolean duplicate) {
    }

    private final String storeName;
    private final NearDuplicateSettings settings;
    private FixedKeyProcessorContext<String, Outcome> context;
    private KeyValueStore<String, String> accepted;
    private NearDuplicateStage stage;

    NearDuplicateProcessor(String storeName, NearDuplicateSettings settings) {
        this.storeName = storeName;
        this.settings = settings;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
        this.context = context;
        this.accepted = context.getStateStore(storeName);
        this.stage = new NearDuplicateStage(settings);
        long start = System.nanoTime();
        try (KeyValueIterator<String, String> all = accepted.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                stage.restore(entry.key, entry.value);
            }
        }
        if (stage.size() > 0) {
            LOG.info("near-duplicate index rebuilt: {} accepted tasks in {} ms, about {} bytes", stage.size(),
                    (System.nanoTime() - start) / 1_000_000, stage.approximateBytes());
        }
    }

    @Override
    public void process(FixedKeyRecord<String, RawInstruction> record) {
        RawInstruction task = record.value();
        Optional<Match> nearest = stage.nearest(task);
        boolean duplicate = stage.tooNear(nearest);
        if (!duplicate) {
            accepted.put(task.getId(), stage.accept(task));
        }
        context.forward(record.withValue(new Outcome(task, nearest, duplicate)));
    }
}
