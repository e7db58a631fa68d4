package org.bioinstruct.infra.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The registry's operations with Confluent's semantics. Each change is appended to the {@link SchemaLog}
 * first and applied to the {@link SchemaStore} only once it is durable, one change at a time.
 */
public final class SchemaRegistryService {
    private final SchemaStore store;
    private final SchemaLog log;
    private final CompatibilityChecker checker;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public SchemaRegistryService(SchemaStore store, SchemaLog log, CompatibilityChecker checker) {
        this.store = store;
        this.log = log;
        this.checker = checker;
    }

    /** Registers {@code schemaText} under {@code subject} and returns its global id. */
    public int register(String subject, String schemaText, String schemaType) {
        Schema schema = AvroSchemas.parse(schemaText, schemaType);
        String canonical = AvroSchemas.canonical(schema);
        return write(() -> {
            List<SchemaVersion> live = store.liveVersions(subject);
            for (SchemaVersion v : live) {
                if (v.schema().equals(canonical)) {
                    return v.id();
                }
            }
            List<String> problems = checker.incompatibilities(schema, parsed(live), store.effectiveLevel(subject));
            if (!problems.isEmpty()) {
                throw RegistryError.incompatible("Schema being registered is incompatible with an earlier schema for"
                        + " subject \"" + subject + "\", details: " + problems);
            }
            int id = store.idOf(canonical).orElse(store.maxId() + 1);
            persist(new StoreEvent.VersionWritten(
                    new SchemaVersion(subject, store.maxVersion(subject) + 1, id, canonical, false)));
            return id;
        });
    }

    /** The version of {@code subject} holding {@code schemaText}. */
    public SchemaVersion lookup(String subject, String schemaText, String schemaType, boolean includeDeleted) {
        String canonical = AvroSchemas.canonical(AvroSchemas.parse(schemaText, schemaType));
        return read(() -> {
            List<SchemaVersion> versions = versionsOrNotFound(subject, includeDeleted);
            return versions.stream()
                    .filter(v -> v.schema().equals(canonical))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> RegistryError.schemaNotFound("Schema"));
        });
    }

    public String schemaById(int id) {
        return read(() -> store.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound("Schema " + id)));
    }

    /** The subject versions that use schema {@code id}. */
    public List<SchemaVersion> versionsOfId(int id, boolean includeDeleted) {
        return read(() -> {
            if (store.schemaById(id).isEmpty()) {
                throw RegistryError.schemaNotFound("Schema " + id);
            }
            return store.versionsUsing(id, includeDeleted);
        });
    }

    public List<String> subjects(boolean includeDeleted) {
        return read(() -> store.subjects(includeDeleted));
    }

    public List<Integer> versions(String subject, boolean includeDeleted) {
        return read(() -> versionsOrNotFound(subject, includeDeleted).stream().map(SchemaVersion::version).toList());
    }

    public SchemaVersion version(String subject, VersionRef ref, boolean includeDeleted) {
        return read(() -> resolve(versionsOrNotFound(subject, includeDeleted), subject, ref));
    }

    /** Soft-deletes every live version, or with {@code permanent} erases a soft-deleted subject. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return write(() -> {
            List<SchemaVersion> all = store.allVersions(subject);
            if (all.isEmpty()) {
                throw RegistryError.subjectNotFound(subject);
            }
            List<SchemaVersion> live = store.liveVersions(subject);
            if (!permanent) {
                if (live.isEmpty()) {
                    throw RegistryError.subjectSoftDeleted(subject);
                }
                live.forEach(v -> persist(new StoreEvent.VersionWritten(v.asDeleted())));
                return live.stream().map(SchemaVersion::version).toList();
            }
            if (!live.isEmpty()) {
                throw RegistryError.subjectNotSoftDeleted(subject);
            }
            all.forEach(v -> persist(new StoreEvent.VersionErased(subject, v.version())));
            return all.stream().map(SchemaVersion::version).toList();
        });
    }

    /** Soft-deletes one version, or with {@code permanent} erases a soft-deleted one. */
    public int deleteVersion(String subject, VersionRef ref, boolean permanent) {
        return write(() -> {
            List<SchemaVersion> all = store.allVersions(subject);
            if (all.isEmpty()) {
                throw RegistryError.subjectNotFound(subject);
            }
            if (!permanent) {
                if (!ref.isLatest()) {
                    all.stream().filter(v -> v.version() == ref.number() && v.deleted()).findFirst()
                            .ifPresent(v -> {
                                throw RegistryError.versionSoftDeleted(subject, v.version());
                            });
                }
                SchemaVersion target = resolve(store.liveVersions(subject), subject, ref);
                persist(new StoreEvent.VersionWritten(target.asDeleted()));
                return target.version();
            }
            SchemaVersion target = resolve(all, subject, ref);
            if (!target.deleted()) {
                throw RegistryError.versionNotSoftDeleted(subject, target.version());
            }
            persist(new StoreEvent.VersionErased(subject, target.version()));
            return target.version();
        });
    }

    /**
     * Incompatibilities of {@code schemaText} with {@code subject}: against one version, or with
     * {@code ref} latest/null against what registration would check. Empty means compatible.
     */
    public List<String> testCompatibility(String subject, VersionRef ref, String schemaText, String schemaType) {
        Schema schema = AvroSchemas.parse(schemaText, schemaType);
        return read(() -> {
            List<SchemaVersion> live = store.liveVersions(subject);
            CompatibilityLevel level = store.effectiveLevel(subject);
            if (ref == null) {
                return checker.incompatibilities(schema, parsed(live), level);
            }
            if (live.isEmpty()) {
                throw RegistryError.subjectNotFound(subject);
            }
            if (ref.isLatest()) {
                return checker.incompatibilities(schema, parsed(live), level);
            }
            SchemaVersion target = resolve(live, subject, ref);
            return checker.incompatibilities(schema, parsed(List.of(target)), level);
        });
    }

    public CompatibilityLevel globalLevel() {
        return read(store::globalLevel);
    }

    public void setGlobalLevel(CompatibilityLevel level) {
        write(() -> {
            persist(new StoreEvent.ConfigSet(null, level));
            return level;
        });
    }

    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return read(() -> store.subjectLevel(subject));
    }

    public void setSubjectLevel(String subject, CompatibilityLevel level) {
        write(() -> {
            persist(new StoreEvent.ConfigSet(subject, level));
            return level;
        });
    }

    /** Removes the subject's own level and returns it; error 40408 if it had none. */
    public CompatibilityLevel clearSubjectLevel(String subject) {
        return write(() -> {
            CompatibilityLevel previous = store.subjectLevel(subject)
                    .orElseThrow(() -> RegistryError.subjectLevelConfigNotFound(subject));
            persist(new StoreEvent.ConfigCleared(subject));
            return previous;
        });
    }

    private List<SchemaVersion> versionsOrNotFound(String subject, boolean includeDeleted) {
        List<SchemaVersion> versions = includeDeleted ? store.allVersions(subject) : store.liveVersions(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private static SchemaVersion resolve(List<SchemaVersion> versions, String subject, VersionRef ref) {
        if (ref.isLatest()) {
            if (versions.isEmpty()) {
                throw RegistryError.versionNotFound(subject, ref);
            }
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == ref.number()).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, ref));
    }

    private static List<Schema> parsed(List<SchemaVersion> versions) {
        List<Schema> schemas = new ArrayList<>(versions.size());
        versions.forEach(v -> schemas.add(new Schema.Parser().parse(v.schema())));
        return schemas;
    }

    private void persist(StoreEvent event) {
        log.append(event);
        store.apply(event);
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
