package org.bioinstruct.generator.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalLong;

/**
 * The parts of a chat completion answer the client uses: the first choice's content and finish reason,
 * and the usage when the server reports it.
 */
record ChatCompletionReply(String content, String finishReason, OptionalLong promptTokens,
                           OptionalLong completionTokens) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a 2xx body; throws {@link IllegalArgumentException} saying what is wrong when it is unusable. */
    static ChatCompletionReply parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new IllegalArgumentException(root.has("error")
                    ? "no choices but an error: " + ServerErrors.messageOf(body) : "no choices");
        }
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual() && !content.isNull() && !content.isMissingNode()) {
            throw new IllegalArgumentException("choices[0].message.content is not text");
        }
        JsonNode usage = root.path("usage");
        return new ChatCompletionReply(content.isTextual() ? content.asText() : "",
                choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null,
                count(usage.path("prompt_tokens")), count(usage.path("completion_tokens")));
    }

    private static OptionalLong count(JsonNode node) {
        return node.isIntegralNumber() && node.asLong() >= 0 ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }
}
