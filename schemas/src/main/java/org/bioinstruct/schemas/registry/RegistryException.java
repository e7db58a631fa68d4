package org.bioinstruct.schemas.registry;

/** A registry call failed: unreachable, refused (e.g. incompatible schema) or answered with an error. */
public class RegistryException extends RuntimeException {
    private final int errorCode;

    public RegistryException(String message, Throwable cause) {
        this(message, -1, cause);
    }

    public RegistryException(String message, int errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** Confluent error code (e.g. 409 for an incompatible schema, 40403 for an unknown id), or -1. */
    public int errorCode() {
        return errorCode;
    }
}
