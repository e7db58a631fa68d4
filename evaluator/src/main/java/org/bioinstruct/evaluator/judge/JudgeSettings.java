package org.bioinstruct.evaluator.judge;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * Where the optional LLM judge lives: an OpenAI-compatible chat completions endpoint. Each value comes from its
 * setting, else from its environment variable; without a URL there is no judge. The API key is read only from the
 * environment (the variable named by {@code evaluator.judge.api.key.env}), so it never sits in a config file.
 */
public record JudgeSettings(URI baseUrl, String model, String apiKey, Duration timeout) {
    public static final String URL = "evaluator.judge.url";
    public static final String MODEL = "evaluator.judge.model";
    public static final String API_KEY_ENV = "evaluator.judge.api.key.env";
    public static final String TIMEOUT_MS = "evaluator.judge.timeout.ms";
    public static final String URL_ENV = "BIOINSTRUCT_JUDGE_URL";
    public static final String MODEL_ENV = "BIOINSTRUCT_JUDGE_MODEL";
    public static final String DEFAULT_KEY_ENV = "BIOINSTRUCT_JUDGE_API_KEY";

    public static Optional<JudgeSettings> from(Settings s, Map<String, String> env) {
        String url = s.string(URL, env.getOrDefault(URL_ENV, "")).strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(URL, url, "not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new InvalidConfigException(URL, url, "must be an http(s) URL such as http://localhost:8000/v1");
        }
        String model = s.string(MODEL, env.getOrDefault(MODEL_ENV, "")).strip();
        if (model.isEmpty()) {
            throw new InvalidConfigException(MODEL, null, "a judge model is required when " + URL + " (or "
                    + URL_ENV + ") is set; set " + MODEL + " or " + MODEL_ENV);
        }
        String key = env.getOrDefault(s.string(API_KEY_ENV, DEFAULT_KEY_ENV), "");
        return Optional.of(new JudgeSettings(uri, model, key,
                Duration.ofMillis(s.longValue(TIMEOUT_MS, 60_000, 100, 600_000))));
    }
}
