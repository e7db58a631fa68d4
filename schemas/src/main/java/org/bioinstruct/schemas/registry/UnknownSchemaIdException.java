package org.bioinstruct.schemas.registry;

/** The registry has no schema under an id found in a record. */
public class UnknownSchemaIdException extends RegistryException {
    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, Throwable cause) {
        super("unknown schema id " + schemaId, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
