package org.bioinstruct.schemas.topics;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

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

    /** Sets what failed, in which stage and why (UTF-8 values, replacing any earlier ones). */
    public static Headers addError(Headers headers, String stage, String errorClass, String message) {
        set(headers, STAGE, stage);
        set(headers, ERROR_CLASS, errorClass);
        return set(headers, ERROR_MESSAGE, message);
    }

    /** Sets where the dead-lettered record was read from. */
    public static Headers addSource(Headers headers, String topic, int partition, long offset) {
        set(headers, SOURCE_TOPIC, topic);
        set(headers, SOURCE_PARTITION, Integer.toString(partition));
        return set(headers, SOURCE_OFFSET, Long.toString(offset));
    }

    /** The value (UTF-8) of the last header of that name, if any. */
    public static Optional<String> value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Headers set(Headers headers, String name, String value) {
        headers.remove(name);
        return headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
