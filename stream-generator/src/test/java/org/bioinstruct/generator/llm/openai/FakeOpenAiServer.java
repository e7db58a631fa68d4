package org.bioinstruct.generator.llm.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-compatible server on 127.0.0.1: answers {@code POST /v1/chat/completions} with scripted
 * replies, one per request in order (then the fallback reply), records every request and counts how many
 * are in flight at once.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    /** One scripted answer; {@code delayMs} is spent before answering, with the request in flight. */
    public record Reply(int status, String body, Map<String, String> headers, long delayMs) {
        Reply delayed(long millis) {
            return new Reply(status, body, headers, millis);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delayMs);
        }
    }

    /** What the client sent. */
    public record Recorded(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Reply fallback = ok("fallback answer");

    public FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static Reply ok(String content) {
        return completion(content, "stop", "\"usage\": {\"prompt_tokens\": 11, \"completion_tokens\": 7}");
    }

    static Reply completion(String content, String finishReason, String usageMember) {
        String body = "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"choices\": [{\"index\": 0,"
                + " \"message\": {\"role\": \"assistant\", \"content\": " + quote(content) + "},"
                + " \"finish_reason\": \"" + finishReason + "\"}]"
                + (usageMember.isEmpty() ? "" : ", " + usageMember) + "}";
        return new Reply(200, body, Map.of(), 0);
    }

    public static Reply error(int status, String message) {
        String body = "{\"error\": {\"message\": " + quote(message) + ", \"type\": \"invalid_request_error\"}}";
        return new Reply(status, body, Map.of(), 0);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeOpenAiServer then(Reply reply) {
        script.addLast(reply);
        return this;
    }

    public FakeOpenAiServer otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Reply reply = script.isEmpty() ? fallback : script.pollFirst();
            if (reply == null) {
                reply = fallback;
            }
            if (reply.delayMs() > 0) {
                Thread.sleep(reply.delayMs());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
