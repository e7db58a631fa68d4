package org.bioinstruct.generator.llm;

import java.util.List;

/**
 * A chat completion request. Sampling settings come from the client's configuration; the request only
 * says what to ask and whether a JSON answer is wanted.
 *
 * @param jsonResponse ask for {@code response_format: json_object} where the server supports it
 */
public record ChatRequest(List<ChatMessage> messages, boolean jsonResponse) {
    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
    }
}
