package org.bioinstruct.schemas.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DlqHeadersTest {

    private static String value(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsStageErrorAndSourcePosition() {
        Headers headers = new RecordHeaders();
        DlqHeaders.addError(headers, "filter", "org.apache.kafka.common.errors.SerializationException", "bad magic");
        DlqHeaders.addSource(headers, "bioinstruct.instructions.raw", 3, 1234L);

        assertEquals("filter", value(headers, DlqHeaders.STAGE));
        assertEquals("bad magic", value(headers, DlqHeaders.ERROR_MESSAGE));
        assertEquals("bioinstruct.instructions.raw", value(headers, DlqHeaders.SOURCE_TOPIC));
        assertEquals("3", value(headers, DlqHeaders.SOURCE_PARTITION));
        assertEquals("1234", value(headers, DlqHeaders.SOURCE_OFFSET));
    }

    @Test
    void aSecondFailureReplacesTheFirstInsteadOfStackingHeaders() {
        Headers headers = new RecordHeaders();
        DlqHeaders.addError(headers, "filter", "A", "first");
        DlqHeaders.addError(headers, "trainer", "B", null);

        assertEquals(3, headers.toArray().length);
        assertEquals("trainer", value(headers, DlqHeaders.STAGE));
        assertEquals("null", value(headers, DlqHeaders.ERROR_MESSAGE));
    }
}
