package org.bioinstruct.trainer.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bioinstruct.model.io.SafeTensors;
import org.bioinstruct.model.tensor.FloatTensor;

/**
 * AdamW's state next to an adapter: {@code optimizer.safetensors} holds the first and second moment of each
 * LoRA tensor (keys {@code <tensor>.exp_avg}, {@code <tensor>.exp_avg_sq}), {@code trainer_state.json} the
 * optimizer step count. PEFT loaders ignore both files.
 */
public record OptimizerState(long step, Map<String, FloatTensor> expAvg, Map<String, FloatTensor> expAvgSq) {
    public static final String WEIGHTS_FILE = "optimizer.safetensors";
    public static final String STATE_FILE = "trainer_state.json";
    private static final String FIRST = ".exp_avg";
    private static final String SECOND = ".exp_avg_sq";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public OptimizerState {
        expAvg = Map.copyOf(expAvg);
        expAvgSq = Map.copyOf(expAvgSq);
    }

    /** Writes both files; {@code extra} adds fields to trainer_state.json (informational). */
    public void save(Path dir, Map<String, Object> extra) throws IOException {
        Map<String, FloatTensor> tensors = new TreeMap<>();
        expAvg.forEach((name, t) -> tensors.put(name + FIRST, t));
        expAvgSq.forEach((name, t) -> tensors.put(name + SECOND, t));
        SafeTensors.write(dir.resolve(WEIGHTS_FILE), tensors);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("optimizer", "adamw");
        state.put("global_step", step);
        state.putAll(extra);
        JSON.writeValue(dir.resolve(STATE_FILE).toFile(), state);
    }

    /** The state saved in {@code dir}, or empty when the directory has none. */
    public static Optional<OptimizerState> load(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(WEIGHTS_FILE)) || !Files.isRegularFile(dir.resolve(STATE_FILE))) {
            return Optional.empty();
        }
        JsonNode state = JSON.readTree(dir.resolve(STATE_FILE).toFile());
        Map<String, FloatTensor> first = new TreeMap<>();
        Map<String, FloatTensor> second = new TreeMap<>();
        SafeTensors.read(dir.resolve(WEIGHTS_FILE)).forEach((key, tensor) -> {
            if (key.endsWith(SECOND)) {
                second.put(key.substring(0, key.length() - SECOND.length()), tensor);
            } else if (key.endsWith(FIRST)) {
                first.put(key.substring(0, key.length() - FIRST.length()), tensor);
            }
        });
        return Optional.of(new OptimizerState(state.path("global_step").asLong(), first, second));
    }
}
