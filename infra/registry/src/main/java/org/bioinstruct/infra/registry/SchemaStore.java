package org.bioinstruct.infra.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's state, built only by applying {@link StoreEvent}s, so replaying the log rebuilds exactly
 * what was served before. Not thread-safe: {@link SchemaRegistryService} serialises access.
 */
public final class SchemaStore {
    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;
    private int maxId;

    public void apply(StoreEvent event) {
        if (event instanceof StoreEvent.VersionWritten written) {
            SchemaVersion v = written.version();
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
            schemasById.put(v.id(), v.schema());
            idsBySchema.putIfAbsent(v.schema(), v.id());
            maxId = Math.max(maxId, v.id());
        } else if (event instanceof StoreEvent.VersionErased erased) {
            erase(erased.subject(), erased.version());
        } else if (event instanceof StoreEvent.ConfigSet set) {
            if (set.subject() == null) {
                globalLevel = set.level();
            } else {
                subjectLevels.put(set.subject(), set.level());
            }
        } else if (event instanceof StoreEvent.ConfigCleared cleared) {
            if (cleared.subject() == null) {
                globalLevel = CompatibilityLevel.DEFAULT;
            } else {
                subjectLevels.remove(cleared.subject());
            }
        }
    }

    private void erase(String subject, int version) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        SchemaVersion removed = versions == null ? null : versions.remove(version);
        if (removed == null) {
            return;
        }
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        boolean stillUsed = subjects.values().stream()
                .flatMap(m -> m.values().stream())
                .anyMatch(v -> v.id() == removed.id());
        if (!stillUsed) {
            schemasById.remove(removed.id());
            idsBySchema.remove(removed.schema());
        }
    }

    /** Every version of {@code subject} in order, soft-deleted ones included. */
    public List<SchemaVersion> allVersions(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** The versions of {@code subject} that are not soft-deleted, in order. */
    public List<SchemaVersion> liveVersions(String subject) {
        return allVersions(subject).stream().filter(v -> !v.deleted()).toList();
    }

    public List<String> subjects(boolean includeDeleted) {
        return subjects.keySet().stream()
                .filter(s -> includeDeleted || !liveVersions(s).isEmpty())
                .toList();
    }

    /** Every version that uses schema {@code id}, across subjects. */
    public List<SchemaVersion> versionsUsing(int id, boolean includeDeleted) {
        return subjects.values().stream()
                .flatMap(m -> m.values().stream())
                .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                .toList();
    }

    public Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    public Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    /** The highest id ever applied; the next new schema gets this plus one. */
    public int maxId() {
        return maxId;
    }

    /** The highest version number {@code subject} has, soft-deleted ones included; 0 if none. */
    public int maxVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    public CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The level that governs {@code subject}: its own if set, else the global one. */
    public CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
