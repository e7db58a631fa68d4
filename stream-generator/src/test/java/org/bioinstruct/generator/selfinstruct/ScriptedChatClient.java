package org.bioinstruct.generator.selfinstruct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioinstruct.generator.llm.ChatClient;
import org.bioinstruct.generator.llm.ChatMessage;
import org.bioinstruct.generator.llm.ChatRequest;
import org.bioinstruct.generator.llm.ChatResponse;

/** An in-memory chat client that answers with a function of the request. */
final class ScriptedChatClient implements ChatClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COUNT = Pattern.compile("come up with a set of (\\d+) ");

    private final Function<ChatRequest, ChatResponse> answer;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();

    ScriptedChatClient(Function<ChatRequest, ChatResponse> answer) {
        this.answer = answer;
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        calls.incrementAndGet();
        return answer.apply(request);
    }

    @Override
    public String model() {
        return "test-model";
    }

    @Override
    public Map<String, Number> counters() {
        return Map.of("requests", calls.get(), "promptTokens", 123L);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /** The user message of a request. */
    static String user(ChatRequest request) {
        return request.messages().stream().filter(m -> m.role().equals("user")).map(ChatMessage::content)
                .findFirst().orElseThrow();
    }

    /** How many tasks the prompt asks for. */
    static int asked(ChatRequest request) {
        Matcher m = COUNT.matcher(user(request));
        if (!m.find()) {
            throw new AssertionError("prompt does not say how many tasks it wants");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The instructions of the examples shown in the prompt, in order. */
    static List<String> shownInstructions(ChatRequest request) {
        String user = user(request);
        try {
            JsonNode examples = JSON.readTree(user.substring(user.indexOf("\n[") + 1));
            List<String> out = new ArrayList<>();
            examples.forEach(e -> out.add(e.get("instruction").textValue()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A well-formed answer: the asked number of tasks, each derived from the first example shown. */
    static ChatResponse derivedTasks(ChatRequest request) {
        String first = shownInstructions(request).get(0);
        List<Map<String, String>> tasks = new ArrayList<>();
        for (int i = 1; i <= asked(request); i++) {
            tasks.add(Map.of("instruction", "Variant " + i + " of: " + first, "input", "",
                    "output", "Answer " + i, "category", "QA"));
        }
        try {
            return new ChatResponse(JSON.writeValueAsString(tasks), "stop", 100, 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
