package org.bioinstruct.model.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PeftNamesTest {
    @Test
    void namesAttentionAndMlpProjectionsAsPeftDoes() {
        assertEquals("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", PeftNames.loraA(0, "q_proj"));
        assertEquals("base_model.model.model.layers.11.self_attn.o_proj.lora_B.weight", PeftNames.loraB(11, "o_proj"));
        assertEquals("base_model.model.model.layers.2.mlp.gate_proj.lora_A.weight", PeftNames.loraA(2, "gate_proj"));
        assertEquals("base_model.model.model.layers.2.mlp.down_proj.lora_B.weight", PeftNames.loraB(2, "down_proj"));
        assertEquals("model.layers.3.mlp.up_proj", PeftNames.module(3, "up_proj"));
    }

    @Test
    void convertsBetweenModelAndPeftNames() {
        String name = "model.layers.1.self_attn.v_proj.lora_B.weight";
        assertEquals(name, PeftNames.fromPeft(PeftNames.toPeft(name)));
        assertThrows(IllegalArgumentException.class, () -> PeftNames.fromPeft(name));
        assertThrows(IllegalArgumentException.class, () -> PeftNames.module(0, "lm_head"));
    }
}
