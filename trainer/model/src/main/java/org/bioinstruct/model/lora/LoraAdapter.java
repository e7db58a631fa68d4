package org.bioinstruct.model.lora;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.model.io.SafeTensors;
import org.bioinstruct.model.tensor.FloatTensor;

/**
 * LoRA adapter weights in the PEFT layout: {@code adapter_model.safetensors} with keys such as
 * {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight} and an {@code adapter_config.json}.
 */
public record LoraAdapter(LoraSpec spec, String baseModel, Map<String, FloatTensor> weights) {
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String PEFT_PREFIX = PeftNames.PREFIX;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LoraAdapter {
        weights = Map.copyOf(weights);
    }

    public void save(Path dir) throws IOException {
        SafeTensors.write(dir.resolve(WEIGHTS_FILE), weights);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", "LORA");
        config.put("task_type", "CAUSAL_LM");
        config.put("r", spec.r());
        // PEFT writes alpha as an integer when it is one
        config.put("lora_alpha", spec.alpha() == Math.rint(spec.alpha()) ? (Object) (long) spec.alpha() : spec.alpha());
        config.put("lora_dropout", spec.dropout());
        config.put("target_modules", spec.targetModules());
        config.put("bias", "none");
        config.put("fan_in_fan_out", false);
        config.put("inference_mode", true);
        config.put("base_model_name_or_path", baseModel);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), config);
    }

    public static LoraAdapter load(Path dir) throws IOException {
        JsonNode config;
        try {
            config = JSON.readTree(dir.resolve(CONFIG_FILE).toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(dir.resolve(CONFIG_FILE) + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!"LORA".equals(config.path("peft_type").asText())) {
            throw new IOException(dir + ": adapter_config.json is not a LORA adapter");
        }
        List<String> targets = new ArrayList<>();
        config.path("target_modules").forEach(t -> targets.add(t.asText()));
        LoraSpec spec = new LoraSpec(config.path("r").asInt(), config.path("lora_alpha").asDouble(),
                config.path("lora_dropout").asDouble(0.0), targets);
        return new LoraAdapter(spec, config.path("base_model_name_or_path").asText(),
                SafeTensors.read(dir.resolve(WEIGHTS_FILE)));
    }
}
