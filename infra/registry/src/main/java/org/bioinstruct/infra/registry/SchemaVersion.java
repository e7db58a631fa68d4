package org.bioinstruct.infra.registry;

/** One version of a subject: its global schema id, the schema text, and whether it is soft-deleted. */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

    public SchemaVersion asDeleted() {
        return new SchemaVersion(subject, version, id, schema, true);
    }
}
