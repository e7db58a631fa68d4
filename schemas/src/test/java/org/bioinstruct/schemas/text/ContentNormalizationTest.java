package org.bioinstruct.schemas.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentNormalizationTest {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @ParameterizedTest
    @ValueSource(strings = {"Which drug class does Metformin belong to?", "  Extract   the genes:\tBRCA1, TP53.  ",
            "HbA1c ≥ 6.5% — diagnose diabetes (ADA 2024).", "Dose: 5 mg/kg × 2 → 10 mg/kg", "a - b", "«quoted» ‘text’",
            "", "   ", "Temp 38.5°C, SpO₂ 94 %", "İSTANBUL clinic", "C++ & R_programs $5 + #tags @home ~approx ^caret |pipe"})
    void normalizesExactlyAsTheRegexDefinitionDoes(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String expected = WHITESPACE.matcher(PUNCTUATION.matcher(lower).replaceAll("")).replaceAll(" ").strip();
        assertEquals(expected, ContentNormalization.normalize(text));
    }
}
