package org.bioinstruct.generator.llm;

/** A chat request failed for good (after retries), or the server answered something unusable. */
public class LlmException extends RuntimeException {
    private final int status;

    public LlmException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status of the last attempt, or -1 when there was none (timeout, connection refused). */
    public int status() {
        return status;
    }
}
