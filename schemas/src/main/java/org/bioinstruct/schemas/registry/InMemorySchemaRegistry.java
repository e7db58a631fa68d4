package org.bioinstruct.schemas.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for tests and offline batch runs: URL {@code mock://<scope>} in
 * {@code schema.registry.url} selects the instance of that scope, as Confluent's serdes do.
 * Ids are sequential and the same schema gets the same id, like the real registry; no compatibility checks.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    public static final String MOCK_SCHEME = "mock://";
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final List<Schema> schemas = new CopyOnWriteArrayList<>();
    private final Map<String, List<Integer>> subjects = new ConcurrentHashMap<>();

    public static InMemorySchemaRegistry scope(String name) {
        return SCOPES.computeIfAbsent(name, n -> new InMemorySchemaRegistry());
    }

    public static void dropScope(String name) {
        SCOPES.remove(name);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = schemas.indexOf(schema) + 1;
        if (id == 0) {
            schemas.add(schema);
            id = schemas.size();
        }
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        if (id < 1 || id > schemas.size()) {
            throw new UnknownSchemaIdException(id, null);
        }
        return schemas.get(id - 1);
    }

    /** Subjects registered so far, each with the ids of its versions in order. */
    public Map<String, List<Integer>> subjects() {
        return Map.copyOf(subjects);
    }
}
