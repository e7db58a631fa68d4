package org.bioinstruct.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContentKeyTest {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The definition, written the slow, obvious way. */
    private static String reference(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(PUNCTUATION.matcher(lower).replaceAll("")).replaceAll(" ").trim();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Which drug class does Metformin belong to?", "  Extract   the genes:\tBRCA1, TP53.  ",
            "HbA1c ≥ 6.5% — diagnose diabetes (ADA 2024).", "Dose: 5 mg/kg × 2 → 10 mg/kg", "a - b", "«quoted» ‘text’",
            "", "   ", "Temp 38.5°C, SpO₂ 94 %", "C++ & R_programs $5 + #tags @home ~approx ^caret |pipe"})
    void normalizesExactlyAsTheRegexDefinitionDoes(String text) {
        assertEquals(reference(text), ContentKey.normalize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Which drug class does Metformin belong to?", "  Extract   the genes:\tBRCA1, TP53.  ",
            "HbA1c ≥ 6.5% — diagnose", "", "a - b"})
    void hashIsTheHashOfTheNormalizedKey(String text) {
        long expected = 0xcbf29ce484222325L;
        for (char c : ContentKey.of(text, "Input: " + text).toCharArray()) {
            expected = ContentKey.mix(expected, c);
        }
        assertEquals(expected, ContentKey.hash64(text, "Input: " + text));
        assertEquals(ContentKey.hash64("name the GENE", "tp53!"), ContentKey.hash64("Name the gene.", "TP53"));
    }

    @Test
    void ignoresCasePunctuationAndSpacingButNotWords() {
        assertEquals(ContentKey.of("Name the gene.", "TP53"), ContentKey.of("name  the GENE", "tp53!"));
        assertNotEquals(ContentKey.of("Name the gene.", "TP53"), ContentKey.of("Name the genes.", "TP53"));
        assertNotEquals(ContentKey.of("a b", ""), ContentKey.of("a", "b"));
    }
}
