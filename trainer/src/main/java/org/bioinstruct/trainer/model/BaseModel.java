package org.bioinstruct.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A base model in the Hugging Face layout: its directory (config.json, safetensors weights, tokenizer.json),
 * architecture and frozen weights under Hugging Face names.
 */
public record BaseModel(Path dir, LlamaConfig config, Map<String, FloatTensor> weights) {
    public BaseModel {
        weights = Map.copyOf(weights);
    }

    /** The name adapters record as {@code base_model_name_or_path}. */
    public String name() {
        return dir.toAbsolutePath().normalize().toString();
    }

    /** Opens the model's {@code tokenizer.json}; close it when done. */
    public TextTokenizer openTokenizer() throws IOException {
        return HfTokenizer.load(dir, config);
    }
}
