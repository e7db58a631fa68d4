package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentHashTest {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @ParameterizedTest
    @ValueSource(strings = {"Which drug class does Metformin belong to?", "  Extract   the genes:\tBRCA1, TP53.  ",
            "HbA1c ≥ 6.5% — diagnose (ADA 2024).", "a - b", "«quoted» ‘text’", "", " ", "Temp 38.5°C, SpO₂ 94 %"})
    void normalizesAsTheRegexDefinitionDoes(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String expected = WHITESPACE.matcher(PUNCTUATION.matcher(lower).replaceAll("")).replaceAll(" ").strip();
        assertEquals(expected, ContentHash.normalize(text));
    }

    @Test
    void sameContentSameFixedSizeKeyWhateverTheCaseSpacingAndPunctuation() {
        String key = ContentHash.of("Name the gene.", "TP53");
        assertEquals(32, key.length());
        assertEquals(key, ContentHash.of("name  the GENE", "tp53!"));
        assertNotEquals(key, ContentHash.of("Name the genes.", "TP53"));
        assertNotEquals(ContentHash.of("a b", ""), ContentHash.of("a", "b"));
    }
}
