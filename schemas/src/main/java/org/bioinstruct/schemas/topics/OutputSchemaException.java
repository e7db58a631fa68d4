package org.bioinstruct.schemas.topics;

import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.serde.Subjects;

/**
 * The registry did not accept the value schema of a topic a stage writes, checked at start-up; the message
 * names the topic, the subject and the registry's answer (e.g. 409, incompatible), on one line.
 */
public final class OutputSchemaException extends RuntimeException {
    private static final int INCOMPATIBLE = 409;

    private final String topic;
    private final String subject;
    private final int errorCode;

    public OutputSchemaException(String topic, String recordType, RegistryException cause) {
        super(message(topic, recordType, cause), cause);
        this.topic = topic;
        this.subject = Subjects.of(topic, false);
        this.errorCode = cause.errorCode();
    }

    private static String message(String topic, String recordType, RegistryException cause) {
        String hint = cause.errorCode() == INCOMPATIBLE
                ? "; a compatible change only adds fields with defaults (docs/RELIABILITY.md, Schema evolution)"
                : "";
        return "cannot start: value schema " + recordType + " of topic '" + topic + "' (subject '"
                + Subjects.of(topic, false) + "') not accepted: " + cause.getMessage() + hint;
    }

    public String topic() {
        return topic;
    }

    public String subject() {
        return subject;
    }

    /** The registry's error code (409 for an incompatible schema), or -1 when it could not be reached. */
    public int errorCode() {
        return errorCode;
    }
}
