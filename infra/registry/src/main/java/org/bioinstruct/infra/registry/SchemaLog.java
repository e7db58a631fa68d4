package org.bioinstruct.infra.registry;

import java.util.function.Consumer;

/** Where the registry's changes are made durable, and read back on start. */
public interface SchemaLog extends AutoCloseable {

    /** Reads every stored change, oldest first, up to the end of the log as it was when called. */
    void replay(Consumer<StoreEvent> apply);

    /** Makes {@code event} durable before returning; a {@link RegistryError} (50001) if it could not. */
    void append(StoreEvent event);

    @Override
    void close();
}
