package org.bioinstruct.filter.query;

/** The counts cannot be read right now (not started, rebalancing, a peer unreachable); worth retrying. */
public final class CountsUnavailableException extends RuntimeException {
    public CountsUnavailableException(String message) {
        super(message);
    }

    public CountsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
