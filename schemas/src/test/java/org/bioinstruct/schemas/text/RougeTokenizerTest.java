package org.bioinstruct.schemas.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected tokens are what rouge_score's tokenize (without stemmer) returns for the same strings. */
class RougeTokenizerTest {

    @Test
    void lowercasesAndSplitsOnEveryRunOfPunctuation() {
        assertEquals(List.of("summarize", "the", "patient", "s", "il", "6", "levels", "2", "5", "mg", "dl"),
                RougeTokenizer.tokens("Summarize the patient's IL-6 levels (2.5 mg/dL)."));
        assertEquals(List.of("don", "t"), RougeTokenizer.tokens("don't"));
        assertEquals(List.of("x", "y", "z"), RougeTokenizer.tokens("x_y z"));
    }

    @Test
    void keepsDigitsInsideTokens() {
        assertEquals(List.of("p53", "mediated", "apoptosis", "brca1", "2"),
                RougeTokenizer.tokens("p53-mediated apoptosis; BRCA1/2"));
    }

    @Test
    void treatsWhitespaceAtTheEndsAndTabsAsSeparators() {
        assertEquals(List.of("hello", "world"), RougeTokenizer.tokens("  --Hello,\tWORLD!!  "));
    }

    @Test
    void nonAsciiLettersSeparateTokens() {
        assertEquals(List.of("caf", "na", "ve", "stra", "e"), RougeTokenizer.tokens("café naïve Straße"));
        assertEquals(List.of("full", "width", "123abc"), RougeTokenizer.tokens("ＡＢＣ full-width 123abc"));
    }

    @Test
    void lowercasesLikePythonWhereANonAsciiLetterBecomesAscii() {
        assertEquals(List.of("kelvin", "i", "stanbul"), RougeTokenizer.tokens("\u212Aelvin \u0130stanbul"));
    }

    @Test
    void textWithoutLettersOrDigitsHasNoTokens() {
        assertEquals(List.of(), RougeTokenizer.tokens(""));
        assertEquals(List.of(), RougeTokenizer.tokens("... !? \u00e9"));
    }
}
