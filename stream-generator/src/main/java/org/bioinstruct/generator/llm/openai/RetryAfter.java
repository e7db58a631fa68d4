package org.bioinstruct.generator.llm.openai;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** How long a server asked us to wait: {@code Retry-After} (seconds or an HTTP-date) or {@code retry-after-ms}. */
final class RetryAfter {
    private RetryAfter() {
    }

    static OptionalLong of(HttpHeaders headers, Instant now) {
        OptionalLong millis = headers.firstValue("retry-after-ms").map(RetryAfter::parseMillis)
                .orElse(OptionalLong.empty());
        OptionalLong retryAfter = headers.firstValue("retry-after").map(v -> parse(v, now))
                .orElse(OptionalLong.empty());
        if (millis.isPresent() && retryAfter.isPresent()) {
            return OptionalLong.of(Math.max(millis.getAsLong(), retryAfter.getAsLong()));
        }
        return millis.isPresent() ? millis : retryAfter;
    }

    /** Milliseconds to wait for a {@code Retry-After} value; empty when it is neither seconds nor a date. */
    static OptionalLong parse(String value, Instant now) {
        String trimmed = value.trim();
        try {
            double seconds = Double.parseDouble(trimmed);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? OptionalLong.of((long) Math.ceil(seconds * 1000)) : OptionalLong.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return OptionalLong.of(Math.max(0, Duration.between(now, at).toMillis()));
            } catch (DateTimeParseException notADate) {
                return OptionalLong.empty();
            }
        }
    }

    private static OptionalLong parseMillis(String value) {
        try {
            double millis = Double.parseDouble(value.trim());
            return millis >= 0 && Double.isFinite(millis)
                    ? OptionalLong.of((long) Math.ceil(millis)) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
