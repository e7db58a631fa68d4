package org.bioinstruct.model.llama;

import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A block that lists its parameters under Hugging Face names ({@code model.layers.0.self_attn.q_proj.weight}).
 * DJL's own {@code getParameters()} names carry child-index prefixes, so checkpoints are keyed by these instead.
 */
public interface HfNamed {
    void collectParameters(String prefix, Map<String, Parameter> out);
}
