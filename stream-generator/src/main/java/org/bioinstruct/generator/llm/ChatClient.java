package org.bioinstruct.generator.llm;

/**
 * Something that answers chat completion requests, e.g. an OpenAI-compatible server (OpenAI, vLLM,
 * Ollama, llama.cpp). Implementations are thread-safe and enforce their own rate and concurrency limits;
 * callers may call {@link #complete} from several threads.
 */
public interface ChatClient extends AutoCloseable {

    /**
     * Sends the request, retrying what is worth retrying; throws {@link LlmException} when it finally
     * fails. Never logs secrets.
     */
    ChatResponse complete(ChatRequest request);

    /** The model name, for the records' {@code source} (e.g. {@code openai:gpt-4o-mini}). */
    String model();

    /** Requests, retries, prompt and completion tokens, estimated cost and the like. */
    java.util.Map<String, Number> counters();

    @Override
    void close();
}
