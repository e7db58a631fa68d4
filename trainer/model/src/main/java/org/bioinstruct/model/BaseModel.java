package org.bioinstruct.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.model.llama.LlamaConfig;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.model.tokenizer.HfTokenizer;
import org.bioinstruct.model.tokenizer.TextTokenizer;

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
