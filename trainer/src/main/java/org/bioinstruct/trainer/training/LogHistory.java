package org.bioinstruct.trainer.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.trainer.adapters.OptimizerState;

/**
 * The step metrics of the training that produced an adapter version, kept as {@code log_history} in its
 * {@code trainer_state.json} (as Hugging Face's Trainer does), so metrics lost with an aborted transaction can
 * be published again with the version's checkpoint.
 */
public final class LogHistory {
    public static final String KEY = "log_history";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogHistory() {
    }

    static List<Map<String, Object>> toJson(List<StepMetrics> steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StepMetrics s : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step", s.step());
            entry.put("total_steps", s.totalSteps());
            entry.put("global_step", s.globalStep());
            entry.put("loss", s.loss());
            entry.put("learning_rate", s.learningRate());
            entry.put("tokens", s.tokens());
            entry.put("tokens_per_second", s.tokensPerSecond());
            entry.put("grad_norm", s.gradNorm());
            out.add(entry);
        }
        return out;
    }

    /** The steps recorded in {@code dir}'s trainer_state.json; empty when there are none. */
    public static List<StepMetrics> read(Path dir) throws IOException {
        Path file = dir.resolve(OptimizerState.STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<StepMetrics> steps = new ArrayList<>();
        for (JsonNode n : JSON.readTree(file.toFile()).path(KEY)) {
            steps.add(new StepMetrics(n.path("step").asInt(), n.path("total_steps").asInt(),
                    n.path("global_step").asLong(), n.path("loss").asDouble(), n.path("learning_rate").asDouble(),
                    n.path("tokens").asLong(), n.path("tokens_per_second").asDouble(), n.path("grad_norm").asDouble()));
        }
        return steps;
    }
}
