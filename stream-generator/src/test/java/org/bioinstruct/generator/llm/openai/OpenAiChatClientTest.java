package org.bioinstruct.generator.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bioinstruct.generator.llm.ChatMessage;
import org.bioinstruct.generator.llm.ChatRequest;
import org.bioinstruct.generator.llm.ChatResponse;
import org.bioinstruct.generator.llm.LlmException;
import org.bioinstruct.generator.llm.openai.FakeOpenAiServer.Reply;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {
    private static final String KEY = "sk-test-SECRET-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatRequest ASK = new ChatRequest(
            List.of(ChatMessage.system("You write biomedical tasks."), ChatMessage.user("Write one task.")), false);
    private static final ChatRequest ASK_JSON = new ChatRequest(
            List.of(ChatMessage.user("Answer in JSON: one biomedical task.")), true);

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<OpenAiChatClient> clients = new ArrayList<>();
    private FakeOpenAiServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stopAll() {
        clients.forEach(OpenAiChatClient::close);
        server.close();
    }

    private OpenAiChatClient client(String... keyValues) {
        Map<String, String> values = new HashMap<>(Map.of(
                "llm.base.url", server.baseUrl() + "/",
                "llm.model", "tiny-bio",
                "llm.backoff.initial.ms", "100",
                "llm.backoff.max.ms", "400"));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(values), Map.of("OPENAI_API_KEY", KEY));
        OpenAiChatClient client = new OpenAiChatClient(settings, sleeper, new Random(7));
        clients.add(client);
        return client;
    }

    private OpenAiChatClient keylessClient(String... keyValues) {
        String[] more = Arrays.copyOf(keyValues, keyValues.length + 2);
        more[keyValues.length] = "llm.api.key.env";
        more[keyValues.length + 1] = "NO_SUCH_VARIABLE_FOR_THIS_TEST";
        return client(more);
    }

    private JsonNode sentBody(int index) throws IOException {
        return JSON.readTree(server.requests().get(index).body());
    }

    @Test
    void returnsTheFirstChoiceAndSendsTheConfiguredRequest() throws IOException {
        server.then(FakeOpenAiServer.ok("Classify the adverse event."));
        ChatResponse response = client("llm.temperature", "0.9", "llm.top.p", "0.4", "llm.max.tokens", "256",
                "llm.stop", "\\n\\n|16.").complete(ASK);

        assertEquals("Classify the adverse event.", response.content());
        assertEquals("stop", response.finishReason());
        assertFalse(response.truncated());
        assertEquals(11, response.promptTokens());
        assertEquals(7, response.completionTokens());
        FakeOpenAiServer.Recorded sent = server.requests().get(0);
        assertEquals("POST", sent.method());
        assertEquals("/v1/chat/completions", sent.path());
        JsonNode body = sentBody(0);
        assertEquals("tiny-bio", body.get("model").asText());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals("Write one task.", body.at("/messages/1/content").asText());
        assertEquals(0.9, body.get("temperature").asDouble());
        assertEquals(0.4, body.get("top_p").asDouble());
        assertEquals(256, body.get("max_tokens").asInt());
        assertEquals("\n\n", body.at("/stop/0").asText());
        assertEquals("16.", body.at("/stop/1").asText());
        assertFalse(body.has("response_format"));
    }

    @Test
    void passesFencedJsonContentThroughUntouched() {
        String fenced = "```json\n{\"instruction\": \"Name the gene.\", \"output\": \"BRCA1\"}\n```";
        server.then(FakeOpenAiServer.ok(fenced));

        assertEquals(fenced, client().complete(ASK_JSON).content());
    }

    @Test
    void waitsAtLeastRetryAfterSecondsAfterA429() {
        server.then(FakeOpenAiServer.error(429, "Rate limit reached").withHeader("Retry-After", "2"))
                .then(FakeOpenAiServer.ok("done"));

        assertEquals("done", client().complete(ASK).content());
        assertEquals(1, sleeper.sleeps().size());
        assertTrue(sleeper.sleeps().get(0) >= 2000, "slept " + sleeper.sleeps());
        Map<String, Number> counters = clients.get(0).counters();
        assertEquals(1L, counters.get("rateLimited"));
        assertEquals(1L, counters.get("retries"));
        assertEquals(2L, counters.get("requests"));
    }

    @Test
    void retriesAServerErrorWithinTheFirstBackoffCeiling() {
        server.then(FakeOpenAiServer.error(500, "internal")).then(FakeOpenAiServer.ok("after 500"));

        assertEquals("after 500", client().complete(ASK).content());
        assertEquals(1, sleeper.sleeps().size());
        assertTrue(sleeper.sleeps().get(0) <= 100, "first retry waits at most backoff.initial: " + sleeper.sleeps());
        assertEquals(1L, clients.get(0).counters().get("serverErrors"));
    }

    @Test
    void retriesARequestThatTimesOut() {
        server.then(FakeOpenAiServer.ok("too late").delayed(2000)).then(FakeOpenAiServer.ok("in time"));

        assertEquals("in time", client("llm.timeout.ms", "300").complete(ASK).content());
        assertEquals(1L, clients.get(0).counters().get("timeouts"));
        assertEquals(1L, clients.get(0).counters().get("retries"));
    }

    @Test
    void failsWithTheLastStatusOnceRetriesAreExhausted() {
        server.otherwise(FakeOpenAiServer.error(503, "overloaded"));
        OpenAiChatClient client = client("llm.max.retries", "2");

        LlmException e = assertThrows(LlmException.class, () -> client.complete(ASK));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("overloaded"), e.getMessage());
        assertEquals(3, server.requests().size());
        assertEquals(2, sleeper.sleeps().size());
        assertTrue(sleeper.sleeps().get(1) <= 200, "second retry ceiling is initial * 2: " + sleeper.sleeps());
        assertEquals(1L, client.counters().get("failures"));
    }

    @Test
    void failsAtOnceOnUnauthorizedWithTheServersMessage() {
        server.then(FakeOpenAiServer.error(401, "Incorrect API key provided"));
        OpenAiChatClient client = client();

        LlmException e = assertThrows(LlmException.class, () -> client.complete(ASK));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
        assertEquals(1, server.requests().size());
        assertTrue(sleeper.sleeps().isEmpty());
    }

    @Test
    void reportsConnectionFailuresWithoutAStatusAfterRetrying() throws IOException {
        String deadUrl;
        try (FakeOpenAiServer gone = new FakeOpenAiServer()) {
            deadUrl = gone.baseUrl();
        }
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("llm.base.url", deadUrl,
                "llm.model", "m", "llm.max.retries", "1", "llm.timeout.ms", "2000")), Map.of());
        try (OpenAiChatClient client = new OpenAiChatClient(settings, sleeper, new Random(1))) {
            LlmException e = assertThrows(LlmException.class, () -> client.complete(ASK));
            assertEquals(-1, e.status());
            assertEquals(2L, client.counters().get("connectionErrors"));
        }
    }

    @Test
    void surfacesFinishReasonLengthAsTruncated() {
        server.then(FakeOpenAiServer.completion("Describe the pathway of", "length", ""));
        OpenAiChatClient client = client();

        assertTrue(client.complete(ASK).truncated());
        assertEquals(1L, client.counters().get("truncated"));
    }

    @Test
    void sendsABearerTokenOnlyWhenAKeyIsSet() {
        client().complete(ASK);
        keylessClient().complete(ASK);

        assertEquals("Bearer " + KEY, server.requests().get(0).authorization());
        assertNull(server.requests().get(1).authorization());
    }

    @Test
    void asksForAJsonObjectOnlyWhenTheRequestWantsJsonInAutoMode() throws IOException {
        OpenAiChatClient client = client();
        client.complete(ASK_JSON);
        client.complete(ASK);

        assertEquals("json_object", sentBody(0).at("/response_format/type").asText());
        assertFalse(sentBody(1).has("response_format"));
    }

    @Test
    void followsJsonModeOnAndOffRegardlessOfTheRequest() throws IOException {
        client("llm.json.mode", "on").complete(ASK);
        client("llm.json.mode", "off").complete(ASK_JSON);

        assertEquals("json_object", sentBody(0).at("/response_format/type").asText());
        assertFalse(sentBody(1).has("response_format"));
    }

    @Test
    void dropsResponseFormatForGoodOnceTheServerRejectsIt() throws IOException {
        server.then(FakeOpenAiServer.error(400, "Unrecognized request argument supplied: response_format"));
        OpenAiChatClient client = client();

        assertEquals("fallback answer", client.complete(ASK_JSON).content());
        client.complete(ASK_JSON);

        assertTrue(sentBody(0).has("response_format"));
        assertFalse(sentBody(1).has("response_format"));
        assertFalse(sentBody(2).has("response_format"));
        assertEquals(1L, client.counters().get("jsonModeFallbacks"));
        assertTrue(sleeper.sleeps().isEmpty());
    }

    @Test
    void doesNotFallBackWhenJsonModeIsOn() {
        server.then(FakeOpenAiServer.error(400, "response_format is not supported"));
        OpenAiChatClient client = client("llm.json.mode", "on");

        assertEquals(400, assertThrows(LlmException.class, () -> client.complete(ASK_JSON)).status());
        assertEquals(1, server.requests().size());
    }

    @Test
    void neverHasMoreRequestsInFlightThanTheConcurrencyLimit() throws Exception {
        server.otherwise(FakeOpenAiServer.ok("slow").delayed(100));
        OpenAiChatClient client = client("llm.concurrency", "2");
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<ChatResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(callers.submit(() -> client.complete(ASK)));
            }
            for (Future<ChatResponse> answer : answers) {
                assertEquals("slow", answer.get().content());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(6, server.requests().size());
        assertTrue(server.maxInFlight() <= 2, "in flight at once: " + server.maxInFlight());
    }

    @Test
    void waitsForTheRequestsPerMinuteBudget() {
        OpenAiChatClient client = client("llm.requests.per.minute", "1");
        client.complete(ASK);
        client.complete(ASK);

        assertEquals(1, sleeper.sleeps().size());
        assertTrue(sleeper.sleeps().get(0) >= 59_000, "waited " + sleeper.sleeps());
        assertEquals(sleeper.sleeps().get(0), client.counters().get("limiterWaitMs"));
    }

    @Test
    void waitsForTheTokensPerMinuteBudgetAndCorrectsItWithTheReportedUsage() {
        OpenAiChatClient client = client("llm.tokens.per.minute", "6000", "llm.max.tokens", "8000");
        long estimate = ChatCompletionBody.promptChars(ASK) / 4 + 8000;
        client.complete(ASK);
        client.complete(ASK);

        // 6000 tokens a minute is 10 ms a token; the fake server reports 11 + 7 tokens used
        assertEquals(2, sleeper.sleeps().size());
        assertEquals((estimate - 6000) * 10, sleeper.sleeps().get(0), 200);
        assertEquals((estimate - (6000 - 18)) * 10, sleeper.sleeps().get(1), 200);
    }

    @Test
    void countsReportedUsageAndPricesIt() {
        server.otherwise(FakeOpenAiServer.completion("ok", "stop",
                "\"usage\": {\"prompt_tokens\": 1000, \"completion_tokens\": 500, \"total_tokens\": 1500}"));
        OpenAiChatClient client = client("llm.price.prompt.per.million", "2.5",
                "llm.price.completion.per.million", "10");
        client.complete(ASK);
        client.complete(ASK);

        Map<String, Number> counters = client.counters();
        assertEquals(2000L, counters.get("promptTokens"));
        assertEquals(1000L, counters.get("completionTokens"));
        assertEquals(2 * (1000 * 2.5 + 500 * 10) / 1e6, counters.get("costUsd").doubleValue(), 1e-12);
        assertEquals(0L, counters.get("usageEstimated"));
        assertEquals(2L, counters.get("completions"));
    }

    @Test
    void estimatesUsageWhenTheServerReportsNone() {
        server.then(FakeOpenAiServer.completion("12345678", "stop", ""));
        OpenAiChatClient client = client();
        ChatResponse response = client.complete(ASK);

        long promptChars = ASK.messages().stream().mapToLong(m -> m.content().length()).sum();
        assertEquals((promptChars + 3) / 4, response.promptTokens());
        assertEquals(2, response.completionTokens());
        assertEquals(1L, client.counters().get("usageEstimated"));
    }

    @Test
    void rejectsAnAnswerWithoutChoicesAsUnusable() {
        server.then(new Reply(200, "{\"object\": \"chat.completion\", \"choices\": []}", Map.of(), 0));
        OpenAiChatClient client = client();

        LlmException e = assertThrows(LlmException.class, () -> client.complete(ASK));
        assertTrue(e.getMessage().contains("no choices"), e.getMessage());
        assertEquals(1L, client.counters().get("failures"));
        assertEquals(1L, client.counters().get("unusable"));
    }

    @Test
    void neverPutsTheKeyIntoAnExceptionMessage() {
        server.then(FakeOpenAiServer.error(401, "Incorrect API key provided: " + KEY));
        server.then(FakeOpenAiServer.error(403, KEY));
        OpenAiChatClient client = client();

        for (int i = 0; i < 2; i++) {
            Throwable e = assertThrows(LlmException.class, () -> client.complete(ASK));
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(KEY), t.getMessage());
            }
        }
        assertFalse(client.toString().contains(KEY));
    }
}
