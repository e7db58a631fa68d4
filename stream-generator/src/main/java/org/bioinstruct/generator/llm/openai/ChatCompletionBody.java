package org.bioinstruct.generator.llm.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bioinstruct.generator.llm.ChatMessage;
import org.bioinstruct.generator.llm.ChatRequest;

/** The JSON body of a {@code POST /chat/completions}. */
final class ChatCompletionBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatCompletionBody() {
    }

    static String of(OpenAiSettings settings, ChatRequest request, boolean jsonFormat) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        body.put("temperature", settings.temperature());
        body.put("top_p", settings.topP());
        body.put("max_tokens", settings.maxTokens());
        if (!settings.stop().isEmpty()) {
            settings.stop().forEach(body.putArray("stop")::add);
        }
        if (jsonFormat) {
            body.putObject("response_format").put("type", "json_object");
        }
        return body.toString();
    }

    /** What a request costs against a tokens-per-minute budget before its usage is known. */
    static long estimatedTokens(OpenAiSettings settings, ChatRequest request) {
        return promptChars(request) / 4 + settings.maxTokens();
    }

    static long promptChars(ChatRequest request) {
        return request.messages().stream().mapToLong(m -> m.content().length()).sum();
    }
}
