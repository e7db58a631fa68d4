package org.bioinstruct.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/** What a route handler sees of a request: path parameters, query parameters and the body. */
public record RegistryRequest(Map<String, String> path, Map<String, String> query, byte[] body) {

    public String param(String name) {
        return path.get(name);
    }

    /** A boolean query flag such as {@code ?permanent=true}; absent means false. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }

    /** The body as a JSON object; a malformed or missing one is HTTP 400 / 422 as Confluent answers. */
    public JsonNode json() {
        if (body.length == 0) {
            throw new RegistryError(422, 422, "Request body is missing");
        }
        try {
            JsonNode node = Reply.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new RegistryError(422, 422, "Request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new RegistryError(400, 400, "Malformed JSON body: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** A text field of the JSON body, or null if absent. */
    public String text(String field) {
        JsonNode value = json().get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
