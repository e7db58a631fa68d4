package org.bioinstruct.generator.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the error message out of an error body, whichever OpenAI-compatible server wrote it. */
final class ServerErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CHARS = 500;

    private ServerErrors() {
    }

    /**
     * {@code error.message} (OpenAI, vLLM, llama.cpp), {@code error} as a string (Ollama), a top-level
     * {@code message}, or else the start of the body.
     */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.path("message").isTextual()) {
                return shorten(error.path("message").asText());
            }
            if (error.isTextual()) {
                return shorten(error.asText());
            }
            if (root.path("message").isTextual()) {
                return shorten(root.path("message").asText());
            }
        } catch (Exception notJson) {
            // falls through to the raw body
        }
        return shorten(body.strip());
    }

    /** Replaces every occurrence of the secret so it can go into a message or a log line. */
    static String mask(String text, String secret) {
        return text == null || secret.isEmpty() ? text : text.replace(secret, "****");
    }

    private static String shorten(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...";
    }
}
