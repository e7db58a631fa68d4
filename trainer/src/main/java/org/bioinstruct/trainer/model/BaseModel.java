package org.bioinstruct.trainer.model;

import java.nio.file.Path;
import java.util.Map;

/** A base model on disk: its directory, architecture and frozen weights under Hugging Face names. */
public record BaseModel(Path dir, TinyModelConfig config, Map<String, FloatTensor> weights) {
    public BaseModel {
        weights = Map.copyOf(weights);
    }

    /** The name adapters record as {@code base_model_name_or_path}. */
    public String name() {
        return dir.toAbsolutePath().normalize().toString();
    }
}
