package org.bioinstruct.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The filter instance's consumer group instance id (static membership), kept in its state directory: an instance
 * restarted on the same state directory, after a kill -9 too, takes over its old group member at once, where a
 * dynamic member would wait for the group to drop the dead one after the session timeout. Two instances never
 * share a state directory (Kafka Streams locks it), so the id is unique within the group.
 */
final class GroupInstanceId {
    static final String FILE = "bioinstruct-group-instance-id";

    private GroupInstanceId() {
    }

    /** The id stored in {@code stateDir}, created there on first use. */
    static String of(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String id = "filter-" + UUID.randomUUID();
            Files.createDirectories(stateDir);
            Path written = Files.writeString(Files.createTempFile(stateDir, FILE, ".tmp"), id + "\n",
                    StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the filter's group instance id in " + file, e);
        }
    }
}
