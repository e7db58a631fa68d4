package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorpusFormatTest {

    @Test
    void parsesEveryFormatByItsSettingsNameInAnyCase() {
        for (CorpusFormat format : CorpusFormat.values()) {
            assertEquals(format, CorpusFormat.parse(format.id()));
            assertEquals(format, CorpusFormat.parse(" " + format.id().toUpperCase() + " "));
        }
        assertEquals(CorpusFormat.RE_TSV, CorpusFormat.parse("re-tsv"));
    }

    @Test
    void unknownFormatFailsListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CorpusFormat.parse("brat"));
        assertTrue(e.getMessage().contains("'brat'"), e.getMessage());
        assertTrue(e.getMessage().contains("conll, re-tsv, nli, mcqa, instructions"), e.getMessage());
    }
}
