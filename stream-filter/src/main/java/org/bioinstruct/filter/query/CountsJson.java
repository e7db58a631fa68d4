package org.bioinstruct.filter.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The JSON the endpoint writes, and the reading of another instance's {@code /counts/local} answer. */
final class CountsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CountsJson() {
    }

    static byte[] write(Map<String, ?> body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws {@link IOException} for a body that is not counts JSON. */
    static Counts parse(byte[] body) throws IOException {
        JsonNode json = MAPPER.readTree(body);
        if (json == null || !json.path("accepted").isObject() || !json.path("rejected").isObject()
                || !json.path("deadLettered").canConvertToLong()) {
            throw new IOException("not counts JSON: " + new String(body, StandardCharsets.UTF_8));
        }
        return new Counts(labels(json.get("accepted")), labels(json.get("rejected")), json.get("deadLettered").asLong());
    }

    static String error(byte[] body) {
        try {
            return MAPPER.readTree(body).path("error").asText("no error message");
        } catch (IOException e) {
            return "unreadable answer";
        }
    }

    private static Map<String, Long> labels(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        object.fields().forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }
}
