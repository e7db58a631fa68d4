package org.bioinstruct.evaluator.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerFormatsTest {
    @Test
    void modelOutputsAreReadLeniently() {
        assertEquals(Set.of("metformin", "aspirin"), AnswerFormats.items("Metformin,  aspirin."));
        assertEquals(List.of("B-Disease", "O"), AnswerFormats.tagsOfTagLines("cystic : B-Disease\nnot a tag line\nfibrosis : O"));
        assertFalse(AnswerFormats.isTagLines("cystic : B-Disease\nnot a tag line"));
        assertEquals(Set.of("gene: brca1", "disease: breast cancer"), AnswerFormats.items("gene: BRCA1; disease:breast cancer"));
    }
}
