package org.bioinstruct.evaluator.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioinstruct.schemas.shards.Example;

/**
 * Scores a generated answer from 1 to 10 by asking a chat model to compare it with the reference answer, as the
 * BioInstruct paper scored generation with GPT-4: one request per answer to {@code POST {baseUrl}/chat/completions},
 * temperature 0, the first number in the reply taken as the score.
 */
public final class LlmJudge {
    static final String SYSTEM = "You are an expert biomedical reviewer. Rate how well the candidate response "
            + "fulfils the instruction, using the reference response as the gold standard, on a scale from 1 "
            + "(wrong or unhelpful) to 10 (as good as the reference). Reply with the number only.";
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JudgeSettings settings;
    private final HttpClient http;

    public LlmJudge(JudgeSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    public double score(Example example, String candidate) throws JudgeException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/chat/completions"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(example, candidate)));
        if (!settings.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new JudgeException("judge request to " + settings.baseUrl() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JudgeException("interrupted while waiting for the judge", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new JudgeException("judge answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()), null);
        }
        return parseScore(content(response.body()));
    }

    String body(Example example, String candidate) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        body.put("temperature", 0);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        StringBuilder user = new StringBuilder("Instruction:\n").append(example.instruction()).append("\n\n");
        if (!example.input().isBlank()) {
            user.append("Input:\n").append(example.input()).append("\n\n");
        }
        user.append("Reference response:\n").append(example.output()).append("\n\n")
                .append("Candidate response:\n").append(candidate).append("\n\nScore (1-10):");
        messages.addObject().put("role", "user").put("content", user.toString());
        return body.toString();
    }

    private static String content(String body) throws JudgeException {
        try {
            JsonNode content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new JudgeException("judge reply has no choices[0].message.content: " + abbreviate(body), null);
            }
            return content.asText();
        } catch (IOException e) {
            throw new JudgeException("judge reply is not JSON: " + abbreviate(body), e);
        }
    }

    /** The first number in the reply, which must lie in [1, 10]. */
    static double parseScore(String reply) throws JudgeException {
        Matcher m = NUMBER.matcher(reply);
        if (!m.find()) {
            throw new JudgeException("judge reply holds no score: " + abbreviate(reply), null);
        }
        double score = Double.parseDouble(m.group(1));
        if (score < 1 || score > 10) {
            throw new JudgeException("judge score " + score + " is outside 1-10", null);
        }
        return score;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** The judge could not give a score. */
    public static final class JudgeException extends Exception {
        public JudgeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
