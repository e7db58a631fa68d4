package org.bioinstruct.evaluator.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The base model's outputs per suite, kept in the evaluator's state directory so the base model is run once per
 * item and suite, also across restarts: {@code <stateDir>/baseline/<model sha256>-t<maxNewTokens>/<suite>.jsonl},
 * one JSON line per item, appended as items are scored (a later line for the same item wins, as when a judge
 * score is added). A torn last line from a crash is ignored.
 */
public final class BaselineCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, Map<String, ModelOutput>> bySuite = new HashMap<>();

    public BaselineCache(Path stateDir, String modelChecksum, int maxNewTokens) {
        this.dir = stateDir.resolve("baseline").resolve(modelChecksum + "-t" + maxNewTokens);
    }

    public Path dir() {
        return dir;
    }

    public Optional<ModelOutput> get(String suite, String itemId) {
        return Optional.ofNullable(suite(suite).get(itemId));
    }

    public void put(String suite, ModelOutput output) {
        Map<String, ModelOutput> cached = suite(suite);
        try {
            Files.createDirectories(dir);
            try (BufferedWriter w = Files.newBufferedWriter(file(suite), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(toJson(output));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write baseline cache " + file(suite), e);
        }
        cached.put(output.itemId(), output);
    }

    private Map<String, ModelOutput> suite(String suite) {
        return bySuite.computeIfAbsent(suite, this::load);
    }

    private Map<String, ModelOutput> load(String suite) {
        Map<String, ModelOutput> out = new HashMap<>();
        Path file = file(suite);
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                fromJson(line).ifPresent(o -> out.put(o.itemId(), o));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline cache " + file, e);
        }
        return out;
    }

    private Path file(String suite) {
        return dir.resolve(suite.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }

    static String toJson(ModelOutput o) {
        ObjectNode node = JSON.createObjectNode().put("id", o.itemId());
        if (o.logLikelihoods() != null) {
            var array = node.putArray("ll");
            for (double v : o.logLikelihoods()) {
                array.add(v);
            }
        } else {
            node.put("text", o.text());
        }
        if (o.judged()) {
            node.put("judge", o.judgeScore());
        }
        return node.toString();
    }

    static Optional<ModelOutput> fromJson(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.hasNonNull("id")) {
            return Optional.empty();
        }
        double judge = node.has("judge") ? node.get("judge").asDouble() : Double.NaN;
        if (node.has("ll")) {
            double[] ll = new double[node.get("ll").size()];
            for (int i = 0; i < ll.length; i++) {
                ll[i] = node.get("ll").get(i).asDouble();
            }
            return Optional.of(ModelOutput.choice(node.get("id").asText(), ll));
        }
        return Optional.of(ModelOutput.generated(node.get("id").asText(), node.path("text").asText(), judge));
    }
}
