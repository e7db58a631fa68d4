package org.bioinstruct.generator.llm.openai;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bioinstruct.generator.llm.ChatClient;
import org.bioinstruct.generator.llm.ChatRequest;
import org.bioinstruct.generator.llm.ChatResponse;
import org.bioinstruct.generator.llm.LlmException;
import org.bioinstruct.schemas.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatClient} for any server speaking OpenAI's {@code POST /chat/completions} (OpenAI, vLLM,
 * Ollama's {@code /v1}, llama.cpp's server). Limits concurrency with a semaphore and requests and tokens
 * per minute with token buckets; retries 429, 5xx, timeouts and connection errors with full-jitter
 * exponential backoff, never waiting less than the server's Retry-After; fails at once on other 4xx.
 */
public final class OpenAiChatClient implements ChatClient {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatClient.class);
    private static final Set<Integer> RETRIED_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    private final OpenAiSettings settings;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final Semaphore slots;
    private final TokenBucket requestBudget;
    private final TokenBucket tokenBudget;
    private final AtomicBoolean serverTakesJsonFormat = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ClientCounters counters = new ClientCounters();

    public OpenAiChatClient(OpenAiSettings settings) {
        this(settings, Sleeper.REAL, new Random());
    }

    /** With the waits and the jitter injected, so tests check backoff without sleeping. */
    public OpenAiChatClient(OpenAiSettings settings, Sleeper sleeper, Random random) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.backoff = new Backoff(settings.backoffInitialMs(), settings.backoffMaxMs(), random);
        this.httpThreads = Executors.newCachedThreadPool(daemonThreads());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // local servers often mishandle the h2c upgrade
                .connectTimeout(settings.timeout())
                .executor(httpThreads)
                .build();
        this.slots = new Semaphore(settings.concurrency(), true);
        this.requestBudget = new TokenBucket(settings.requestsPerMinute(), System::nanoTime);
        this.tokenBudget = new TokenBucket(settings.tokensPerMinute(), System::nanoTime);
    }

    /** Reads {@link OpenAiSettings} from {@code settings} and the process environment. */
    public static OpenAiChatClient fromSettings(Settings settings) {
        return new OpenAiChatClient(OpenAiSettings.from(settings));
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("the chat client is closed");
        }
        counters.calls.increment();
        try {
            slots.acquire();
            try {
                ChatResponse response = sendWithRetries(request);
                counters.completions.increment();
                return response;
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counters.failures.increment();
            throw new LlmException("interrupted while waiting to call " + settings.model(), -1, e);
        } catch (LlmException e) {
            counters.failures.increment();
            throw e;
        }
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public Map<String, Number> counters() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            httpThreads.shutdownNow();
        }
    }

    private ChatResponse sendWithRetries(ChatRequest request) throws InterruptedException {
        long estimate = ChatCompletionBody.estimatedTokens(settings, request);
        boolean fellBack = false;
        int retry = 0;
        while (true) {
            boolean jsonFormat = sendsJsonFormat(request);
            awaitBudgets(estimate);
            counters.requests.increment();
            HttpResponse<String> response;
            try {
                response = http.send(httpRequest(request, jsonFormat),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                tokenBudget.adjust(estimate);
                counters.timeouts.increment();
                retry = retryOrFail(retry, -1, "no answer within " + settings.timeout().toMillis() + " ms",
                        e, OptionalLong.empty());
                continue;
            } catch (IOException e) {
                tokenBudget.adjust(estimate);
                counters.connectionErrors.increment();
                retry = retryOrFail(retry, -1, "cannot reach " + settings.chatCompletionsUri() + " ("
                        + e.getClass().getSimpleName() + ")", e, OptionalLong.empty());
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return accept(response.body(), request, estimate);
            }
            tokenBudget.adjust(estimate);
            String message = ServerErrors.mask(ServerErrors.messageOf(response.body()), settings.apiKey());
            if (jsonFormat && !fellBack && rejectsJsonFormat(status, response.body())) {
                fellBack = true;
                stopSendingJsonFormat(status, message);
                continue;
            }
            if (!RETRIED_STATUSES.contains(status)) {
                throw new LlmException("chat completion rejected with HTTP " + status + ": " + message, status, null);
            }
            countRetriedStatus(status);
            retry = retryOrFail(retry, status, "HTTP " + status + ": " + message, null,
                    RetryAfter.of(response.headers(), Instant.now()));
        }
    }

    private boolean sendsJsonFormat(ChatRequest request) {
        return switch (settings.jsonMode()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> request.jsonResponse() && serverTakesJsonFormat.get();
        };
    }

    /** Only in auto mode: a 400 (422 from FastAPI-style validators) that complains about the format. */
    private boolean rejectsJsonFormat(int status, String body) {
        if (settings.jsonMode() != JsonMode.AUTO || (status != 400 && status != 422) || body == null) {
            return false;
        }
        String lower = body.toLowerCase(Locale.ROOT);
        return lower.contains("response_format") || lower.contains("json");
    }

    private void stopSendingJsonFormat(int status, String message) {
        if (serverTakesJsonFormat.compareAndSet(true, false)) {
            LOG.warn("{} rejected response_format json_object (HTTP {}: {}); sending requests without it from now on",
                    settings.baseUrl(), status, message);
        }
        counters.jsonModeFallbacks.increment();
    }

    private void countRetriedStatus(int status) {
        if (status == 429) {
            counters.rateLimited.increment();
        } else if (status == 408) {
            counters.timeouts.increment();
        } else {
            counters.serverErrors.increment();
        }
    }

    /** Sleeps before the next attempt and returns its retry number, or throws once retries are used up. */
    private int retryOrFail(int retry, int status, String problem, Throwable cause, OptionalLong retryAfterMs)
            throws InterruptedException {
        if (retry >= settings.maxRetries()) {
            throw new LlmException("chat completion failed after " + (retry + 1) + " attempts, last: " + problem,
                    status, cause);
        }
        long waitMs = backoff.delayMs(retry, retryAfterMs);
        counters.retries.increment();
        long retries = counters.retries.sum();
        if (worthLogging(retries)) {
            LOG.warn("retry {} of a chat completion in {} ms after {} ({} retries so far)", retry + 1, waitMs,
                    problem, retries);
        }
        sleeper.sleep(waitMs);
        return retry + 1;
    }

    private void awaitBudgets(long estimatedTokens) throws InterruptedException {
        long waitNanos = Math.max(requestBudget.reserve(1), tokenBudget.reserve(estimatedTokens));
        if (waitNanos > 0) {
            long waitMs = Duration.ofNanos(waitNanos).toMillis() + 1;
            counters.limiterWaitMs.add(waitMs);
            sleeper.sleep(waitMs);
        }
    }

    private HttpRequest httpRequest(ChatRequest request, boolean jsonFormat) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.chatCompletionsUri())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        ChatCompletionBody.of(settings, request, jsonFormat), StandardCharsets.UTF_8));
        if (settings.hasApiKey()) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }

    private ChatResponse accept(String body, ChatRequest request, long estimate) {
        ChatCompletionReply reply;
        try {
            reply = ChatCompletionReply.parse(body);
        } catch (IllegalArgumentException e) {
            tokenBudget.adjust(estimate);
            counters.unusable.increment();
            String problem = ServerErrors.mask(e.getMessage(), settings.apiKey());
            if (worthLogging(counters.unusable.sum())) {
                LOG.warn("unusable chat completion ({}), {} so far: {}", problem, counters.unusable.sum(),
                        ServerErrors.mask(ServerErrors.messageOf(body), settings.apiKey()));
            }
            throw new LlmException("unusable chat completion: " + problem, 200, null);
        }
        long promptTokens = reply.promptTokens().orElse(-1);
        long completionTokens = reply.completionTokens().orElse(-1);
        if (promptTokens < 0 || completionTokens < 0) {
            counters.usageEstimated.increment();
            promptTokens = promptTokens < 0 ? ceilQuarter(ChatCompletionBody.promptChars(request)) : promptTokens;
            completionTokens = completionTokens < 0 ? ceilQuarter(reply.content().length()) : completionTokens;
        }
        tokenBudget.adjust(estimate - promptTokens - completionTokens);
        count(promptTokens, completionTokens);
        ChatResponse response = new ChatResponse(reply.content(), reply.finishReason(), promptTokens, completionTokens);
        if (response.truncated()) {
            counters.truncated.increment();
        }
        return response;
    }

    private void count(long promptTokens, long completionTokens) {
        counters.promptTokens.add(promptTokens);
        counters.completionTokens.add(completionTokens);
        counters.costUsd.add((promptTokens * settings.pricePromptPerMillion()
                + completionTokens * settings.priceCompletionPerMillion()) / 1_000_000);
    }

    /** Logs the first few of a kind, then every hundredth. */
    private static boolean worthLogging(long occurrence) {
        return occurrence <= 5 || occurrence % 100 == 0;
    }

    private static long ceilQuarter(long chars) {
        return (chars + 3) / 4;
    }

    private static ThreadFactory daemonThreads() {
        AtomicLong number = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, "openai-http-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "OpenAiChatClient{" + settings + "}";
    }
}
