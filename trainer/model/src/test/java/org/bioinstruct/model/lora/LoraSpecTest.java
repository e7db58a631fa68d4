package org.bioinstruct.model.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoraSpecTest {
    @Test
    void defaultsToRank8Alpha16OnQueryAndValueProjections() {
        LoraSpec spec = LoraSpec.defaults();
        assertEquals(8, spec.r());
        assertEquals(2f, spec.scaling());
        assertEquals(0.0, spec.dropout());
        assertEquals(List.of("q_proj", "v_proj"), spec.targetModules());
    }

    @Test
    void rejectsInvalidHyperParameters() {
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(0, 16, List.of("q_proj")));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(8, 0, List.of("q_proj")));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(8, 16, 1.0, List.of("q_proj")));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(8, 16, List.of("lm_head")));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(8, 16, List.of("q_proj", "q_proj")));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(8, 16, List.of()));
    }

    @Test
    void adaptersLoadAcrossTargetOrderAndDropoutButNotRank() {
        LoraSpec spec = new LoraSpec(8, 16, 0.1, List.of("q_proj", "v_proj"));
        assertTrue(spec.compatibleWith(new LoraSpec(8, 16, 0.0, List.of("v_proj", "q_proj"))));
        assertFalse(spec.compatibleWith(new LoraSpec(4, 16, 0.1, List.of("q_proj", "v_proj"))));
        assertFalse(spec.compatibleWith(new LoraSpec(8, 16, 0.1, List.of("q_proj"))));
    }
}
