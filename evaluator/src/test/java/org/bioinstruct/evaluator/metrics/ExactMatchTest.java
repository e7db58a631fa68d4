package org.bioinstruct.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExactMatchTest {
    @Test
    void ignoresCaseArticlesPunctuationAndSpacing() {
        assertTrue(ExactMatch.matches("  The  Statin.", "statin"));
        assertTrue(ExactMatch.matches("an ACE inhibitor", "ACE-inhibitor"));
        assertEquals("chromosome 17", ExactMatch.normalize("Chromosome 17."));
    }

    @Test
    void differentWordsDoNotMatch() {
        assertFalse(ExactMatch.matches("chromosome 7", "chromosome 17"));
        assertFalse(ExactMatch.matches("", "TP53"));
    }
}
