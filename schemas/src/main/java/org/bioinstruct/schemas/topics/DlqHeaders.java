package org.bioinstruct.schemas.topics;

/** Header names on DLQ records; the value and key are the original bytes. */
public final class DlqHeaders {
    public static final String ERROR_CLASS = "bioinstruct.error.class";
    public static final String ERROR_MESSAGE = "bioinstruct.error.message";
    public static final String STAGE = "bioinstruct.error.stage";
    public static final String SOURCE_TOPIC = "bioinstruct.source.topic";
    public static final String SOURCE_PARTITION = "bioinstruct.source.partition";
    public static final String SOURCE_OFFSET = "bioinstruct.source.offset";

    private DlqHeaders() {
    }
}
