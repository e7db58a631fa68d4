package org.bioinstruct.generator.llm.openai;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * Validated {@code llm.*} settings of the OpenAI-compatible chat client. Everything is checked at
 * start-up; a bad value fails with an {@link InvalidConfigException} naming the key. The API key is never
 * part of {@link #toString()} or of any exception message.
 *
 * <p>Sampling defaults follow Self-Instruct's instruction generation (temperature 0.7, top_p 0.5), which
 * BioInstruct reused: a low top_p keeps tasks on topic while the temperature keeps them varied.
 */
public final class OpenAiSettings {
    public static final String BASE_URL = "llm.base.url";
    public static final String MODEL = "llm.model";
    public static final String API_KEY_FILE = "llm.api.key.file";
    public static final String API_KEY_ENV = "llm.api.key.env";
    public static final String API_KEY_REQUIRED = "llm.api.key.required";
    public static final String TEMPERATURE = "llm.temperature";
    public static final String TOP_P = "llm.top.p";
    public static final String MAX_TOKENS = "llm.max.tokens";
    public static final String JSON_MODE = "llm.json.mode";
    public static final String CONCURRENCY = "llm.concurrency";
    public static final String REQUESTS_PER_MINUTE = "llm.requests.per.minute";
    public static final String TOKENS_PER_MINUTE = "llm.tokens.per.minute";
    public static final String MAX_RETRIES = "llm.max.retries";
    public static final String TIMEOUT_MS = "llm.timeout.ms";
    public static final String BACKOFF_INITIAL_MS = "llm.backoff.initial.ms";
    public static final String BACKOFF_MAX_MS = "llm.backoff.max.ms";
    public static final String PRICE_PROMPT = "llm.price.prompt.per.million";
    public static final String PRICE_COMPLETION = "llm.price.completion.per.million";
    public static final String STOP = "llm.stop";

    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
    public static final String OPENAI_HOST = "api.openai.com";
    /** OpenAI accepts at most four stop sequences. */
    public static final int MAX_STOP_SEQUENCES = 4;

    private final URI baseUrl;
    private final String model;
    private final String apiKey;
    private final double temperature;
    private final double topP;
    private final int maxTokens;
    private final JsonMode jsonMode;
    private final int concurrency;
    private final long requestsPerMinute;
    private final long tokensPerMinute;
    private final int maxRetries;
    private final Duration timeout;
    private final long backoffInitialMs;
    private final long backoffMaxMs;
    private final double pricePromptPerMillion;
    private final double priceCompletionPerMillion;
    private final List<String> stop;

    private OpenAiSettings(Settings settings, Map<String, String> environment) {
        this.baseUrl = baseUrl(settings);
        this.model = settings.string(MODEL);
        this.apiKey = apiKey(settings, environment, baseUrl);
        this.temperature = settings.doubleValue(TEMPERATURE, 0.7, 0, 2);
        this.topP = settings.doubleValue(TOP_P, 0.5, 0, 1);
        this.maxTokens = settings.intValue(MAX_TOKENS, 3072, 1, 1_000_000);
        this.jsonMode = JsonMode.parse(JSON_MODE, settings.string(JSON_MODE, "auto"));
        this.concurrency = settings.intValue(CONCURRENCY, 4, 1, 1024);
        this.requestsPerMinute = settings.longValue(REQUESTS_PER_MINUTE, 0, 0, 1_000_000_000L);
        this.tokensPerMinute = settings.longValue(TOKENS_PER_MINUTE, 0, 0, 1_000_000_000_000L);
        this.maxRetries = settings.intValue(MAX_RETRIES, 6, 0, 100);
        this.timeout = Duration.ofMillis(settings.longValue(TIMEOUT_MS, 120_000, 1, 3_600_000));
        this.backoffInitialMs = settings.longValue(BACKOFF_INITIAL_MS, 1000, 1, 3_600_000);
        this.backoffMaxMs = settings.longValue(BACKOFF_MAX_MS, 60_000, 1, 3_600_000);
        if (backoffMaxMs < backoffInitialMs) {
            throw new InvalidConfigException(BACKOFF_MAX_MS, backoffMaxMs,
                    "must be at least " + BACKOFF_INITIAL_MS + " (" + backoffInitialMs + ")");
        }
        this.pricePromptPerMillion = settings.doubleValue(PRICE_PROMPT, 0, 0, 1_000_000);
        this.priceCompletionPerMillion = settings.doubleValue(PRICE_COMPLETION, 0, 0, 1_000_000);
        this.stop = stopSequences(settings.asMap().get(STOP));
    }

    /** Reads the settings, taking the API key's environment variable from the process environment. */
    public static OpenAiSettings from(Settings settings) {
        return from(settings, System.getenv());
    }

    /** As {@link #from(Settings)}, with the environment given (for tests). */
    public static OpenAiSettings from(Settings settings, Map<String, String> environment) {
        return new OpenAiSettings(settings, environment);
    }

    private static URI baseUrl(Settings settings) {
        String raw = settings.string(BASE_URL);
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(BASE_URL, raw, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new InvalidConfigException(BASE_URL, raw,
                    "must be an absolute http(s) URL such as https://api.openai.com/v1 or http://127.0.0.1:8000/v1");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidConfigException(BASE_URL, raw, "must not carry a query, fragment or user info");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static String apiKey(Settings settings, Map<String, String> environment, URI baseUrl) {
        String envName = settings.string(API_KEY_ENV, DEFAULT_API_KEY_ENV);
        String key = settings.has(API_KEY_FILE)
                ? keyFromFile(settings.string(API_KEY_FILE))
                : Optional.ofNullable(environment.get(envName)).map(String::trim).orElse("");
        boolean required = settings.booleanValue(API_KEY_REQUIRED, OPENAI_HOST.equalsIgnoreCase(baseUrl.getHost()));
        if (required && key.isEmpty()) {
            String where = settings.has(API_KEY_FILE)
                    ? "the key file is empty"
                    : "set " + API_KEY_FILE + " or the environment variable " + envName + " (named by "
                            + API_KEY_ENV + "), or " + API_KEY_REQUIRED + "=false for a server without keys";
            throw new InvalidConfigException(API_KEY_FILE, settings.has(API_KEY_FILE)
                    ? settings.string(API_KEY_FILE) : null, "an API key is required for " + baseUrl + ": " + where);
        }
        return key;
    }

    private static String keyFromFile(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException(API_KEY_FILE, file, "cannot read the API key file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Stop sequences separated by {@code |}, read untrimmed because {@code \n\n} is a common one; the
     * escapes {@code \n}, {@code \t}, {@code \|} and {@code \\} are understood.
     */
    private static List<String> stopSequences(String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<String> sequences = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                current.append(switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case '|', '\\' -> String.valueOf(next);
                    default -> "\\" + next;
                });
            } else if (c == '|') {
                sequences.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        sequences.add(current.toString());
        if (sequences.stream().anyMatch(String::isEmpty) || sequences.size() > MAX_STOP_SEQUENCES) {
            throw new InvalidConfigException(STOP, raw, "expected 1 to " + MAX_STOP_SEQUENCES
                    + " non-empty stop sequences separated by |");
        }
        return List.copyOf(sequences);
    }

    /** The base URL without trailing slashes, e.g. {@code https://api.openai.com/v1}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code {base}/chat/completions}. */
    public URI chatCompletionsUri() {
        return URI.create(baseUrl + "/chat/completions");
    }

    public String model() {
        return model;
    }

    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    /** Package-private so only the client sees it; empty when there is none. */
    String apiKey() {
        return apiKey;
    }

    public double temperature() {
        return temperature;
    }

    public double topP() {
        return topP;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public JsonMode jsonMode() {
        return jsonMode;
    }

    public int concurrency() {
        return concurrency;
    }

    public long requestsPerMinute() {
        return requestsPerMinute;
    }

    public long tokensPerMinute() {
        return tokensPerMinute;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration timeout() {
        return timeout;
    }

    public long backoffInitialMs() {
        return backoffInitialMs;
    }

    public long backoffMaxMs() {
        return backoffMaxMs;
    }

    public double pricePromptPerMillion() {
        return pricePromptPerMillion;
    }

    public double priceCompletionPerMillion() {
        return priceCompletionPerMillion;
    }

    public List<String> stop() {
        return stop;
    }

    @Override
    public String toString() {
        return "OpenAiSettings{baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (hasApiKey() ? "****" : "(none)") + ", temperature=" + temperature + ", topP=" + topP
                + ", maxTokens=" + maxTokens + ", jsonMode=" + jsonMode + ", concurrency=" + concurrency
                + ", requestsPerMinute=" + requestsPerMinute + ", tokensPerMinute=" + tokensPerMinute
                + ", maxRetries=" + maxRetries + ", timeoutMs=" + timeout.toMillis()
                + ", backoffMs=" + backoffInitialMs + ".." + backoffMaxMs
                + ", pricePerMillion=" + pricePromptPerMillion + "/" + priceCompletionPerMillion
                + ", stop=" + stop.size() + " sequences}";
    }
}
