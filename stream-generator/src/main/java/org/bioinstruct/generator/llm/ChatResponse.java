package org.bioinstruct.generator.llm;

/**
 * The first choice of a chat completion.
 *
 * @param finishReason {@code stop}, {@code length} (truncated by max tokens) or what the server said
 */
public record ChatResponse(String content, String finishReason, long promptTokens, long completionTokens) {

    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
