package org.bioinstruct.generator.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2025-03-04T10:00:00Z");

    @Test
    void readsDelaySecondsIncludingFractions() {
        assertEquals(OptionalLong.of(2000), RetryAfter.parse("2", NOW));
        assertEquals(OptionalLong.of(1500), RetryAfter.parse(" 1.5 ", NOW));
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        assertEquals(OptionalLong.of(30_000), RetryAfter.parse("Tue, 4 Mar 2025 10:00:30 GMT", NOW));
        assertEquals(OptionalLong.of(0), RetryAfter.parse("Tue, 4 Mar 2025 09:00:00 GMT", NOW));
    }

    @Test
    void ignoresWhatIsNeitherSecondsNorADate() {
        assertEquals(OptionalLong.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.parse("-3", NOW));
    }

    @Test
    void takesTheLongerOfRetryAfterAndRetryAfterMs() {
        HttpHeaders both = HttpHeaders.of(Map.of("Retry-After", List.of("1"), "retry-after-ms", List.of("1750")),
                (k, v) -> true);
        HttpHeaders none = HttpHeaders.of(Map.of(), (k, v) -> true);

        assertEquals(OptionalLong.of(1750), RetryAfter.of(both, NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.of(none, NOW));
    }
}
