package org.bioinstruct.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP answer: status and JSON body text. */
public record Reply(int status, String body) {
    static final ObjectMapper JSON = new ObjectMapper();

    public static Reply ok(Object body) {
        try {
            return new Reply(200, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write answer as JSON", e);
        }
    }

    /** A body that already is JSON text, sent unchanged (e.g. a raw schema). */
    public static Reply rawJson(String json) {
        return new Reply(200, json);
    }

    /** Confluent's error body: {@code {"error_code": ..., "message": ...}}. */
    public static Reply error(int status, int errorCode, String message) {
        return new Reply(status, JSON.createObjectNode().put("error_code", errorCode).put("message", message).toString());
    }
}
