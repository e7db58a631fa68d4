package org.bioinstruct.schemas.registry;

import org.apache.avro.Schema;

/** The two registry operations the wire format needs: register a writer schema, resolve an id. */
public interface SchemaRegistry {

    /** Registers (or finds) {@code schema} under {@code subject} and returns its global id. */
    int register(String subject, Schema schema);

    /** The writer schema registered under {@code id}; throws {@link UnknownSchemaIdException} if none. */
    Schema schemaById(int id);
}
