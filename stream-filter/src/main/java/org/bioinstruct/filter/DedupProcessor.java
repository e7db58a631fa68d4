package org.bioinstruct.filter;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * Exact dedup over records keyed by content hash: the first task with a given content is remembered in a
 * persistent store (hash -> its id); every later one is a duplicate of it.
 */
final class DedupProcessor implements FixedKeyProcessor<String, RawInstruction, DedupProcessor.Outcome> {

    /** The task and, if it repeats earlier content, the id of the first task with that content. */
    record Outcome(RawInstruction task, String firstId) {
        boolean duplicate() {
            return firstId != null;
        }
    }

    private final String storeName;
    private FixedKeyProcessorContext<String, Outcome> context;
    private KeyValueStore<String, String> seen;

    DedupProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, RawInstruction> record) {
        String firstId = seen.putIfAbsent(record.key(), record.value().getId());
        context.forward(record.withValue(new Outcome(record.value(), firstId)));
    }
}
