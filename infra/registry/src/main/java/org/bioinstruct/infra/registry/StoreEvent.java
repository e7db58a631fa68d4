package org.bioinstruct.infra.registry;

/** A change to the registry's state, as written to and replayed from the schemas topic. */
public sealed interface StoreEvent {

    /** A subject version was written or (soft-)deleted. */
    record VersionWritten(SchemaVersion version) implements StoreEvent {
    }

    /** A subject version was permanently deleted (a tombstone in the topic). */
    record VersionErased(String subject, int version) implements StoreEvent {
    }

    /** The compatibility level of a subject, or the global one when {@code subject} is null, was set. */
    record ConfigSet(String subject, CompatibilityLevel level) implements StoreEvent {
    }

    /** A subject's own compatibility level was removed, so the global one applies again. */
    record ConfigCleared(String subject) implements StoreEvent {
    }
}
