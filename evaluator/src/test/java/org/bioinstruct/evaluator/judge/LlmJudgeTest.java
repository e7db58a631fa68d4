package org.bioinstruct.evaluator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.shards.Example;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local fake of the chat completions endpoint: the judge is a remote service the tests cannot reach. */
class LlmJudgeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Example EXAMPLE = new Example("g1", "Summarize the note.", "Fever and cough for 3 days.",
            "Three days of fever and cough.", Category.GEN, "test");

    HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String reply = "8";

    @BeforeEach
    void startFakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.add(JSON.readTree(exchange.getRequestBody()));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                    .set("message", JSON.createObjectNode().put("role", "assistant").put("content", reply))))
                    .toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    LlmJudge judge(String key) {
        return new LlmJudge(new JudgeSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"),
                "judge-model", key, Duration.ofSeconds(5)));
    }

    @Test
    void asksTheModelToRateAgainstTheReferenceAndReadsTheScore() throws Exception {
        reply = "Score: 7.5 / 10";
        assertEquals(7.5, judge("sk-test").score(EXAMPLE, "Fever and cough."));
        JsonNode request = requests.get(0);
        assertEquals("judge-model", request.get("model").asText());
        assertEquals(0, request.get("temperature").asInt());
        assertEquals("system", request.at("/messages/0/role").asText());
        String user = request.at("/messages/1/content").asText();
        assertTrue(user.contains("Reference response:\nThree days of fever and cough."), user);
        assertTrue(user.contains("Candidate response:\nFever and cough."), user);
        assertEquals("Bearer sk-test", authorizations.get(0));
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() throws Exception {
        judge("").score(EXAMPLE, "x");
        assertEquals("null", authorizations.get(0));
    }

    @Test
    void httpErrorsAndUnreadableRepliesAreJudgeExceptions() {
        status = 500;
        LlmJudge.JudgeException e = assertThrows(LlmJudge.JudgeException.class, () -> judge("").score(EXAMPLE, "x"));
        assertTrue(e.getMessage().startsWith("judge answered HTTP 500"), e.getMessage());
        status = 200;
        reply = "I cannot rate this.";
        assertThrows(LlmJudge.JudgeException.class, () -> judge("").score(EXAMPLE, "x"));
        reply = "42";
        assertThrows(LlmJudge.JudgeException.class, () -> judge("").score(EXAMPLE, "x"));
    }

    @Test
    void settingsComeFromConfigOrEnvironmentAndAModelIsRequired() {
        Settings none = Settings.of(Map.of());
        assertTrue(JudgeSettings.from(none, Map.of()).isEmpty());
        JudgeSettings fromEnv = JudgeSettings.from(none, Map.of(JudgeSettings.URL_ENV, "http://judge:8000/v1/",
                JudgeSettings.MODEL_ENV, "m", JudgeSettings.DEFAULT_KEY_ENV, "k")).orElseThrow();
        assertEquals(URI.create("http://judge:8000/v1"), fromEnv.baseUrl());
        assertEquals("k", fromEnv.apiKey());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> JudgeSettings.from(
                Settings.of(Map.of(JudgeSettings.URL, "http://judge/v1")), Map.of()));
        assertEquals(JudgeSettings.MODEL, e.key());
        assertEquals(JudgeSettings.URL, assertThrows(InvalidConfigException.class, () -> JudgeSettings.from(
                Settings.of(Map.of(JudgeSettings.URL, "ftp://judge", JudgeSettings.MODEL, "m")), Map.of())).key());
    }
}
