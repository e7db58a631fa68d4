package org.bioinstruct.infra.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link SchemaLog} kept in memory as encoded topic records, so replaying it exercises the same
 * {@link LogCodec} bytes the Kafka log stores. {@link #failWrites()} makes every later append fail.
 */
final class RecordingSchemaLog implements SchemaLog {
    private final LogCodec codec = new LogCodec();
    private final List<LogCodec.Entry> entries = new ArrayList<>();
    private boolean failing;

    @Override
    public void replay(Consumer<StoreEvent> apply) {
        entries.forEach(e -> codec.decode(e.key(), e.value()).ifPresent(apply));
    }

    @Override
    public void append(StoreEvent event) {
        if (failing) {
            throw RegistryError.storeError("broker unavailable", null);
        }
        entries.add(codec.encode(event));
    }

    void failWrites() {
        failing = true;
    }

    int size() {
        return entries.size();
    }

    @Override
    public void close() {
    }
}
