package org.bioinstruct.filter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "metformin", "café", "€100", "🧬 CFTR", "\ud83e alone", "tail \udc00", "\u07ff\u0800\uffff"})
    void utf8LengthIsWhatJavaEncodes(String text) {
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Text.utf8Length(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one two three", "  one\ttwo\nthree  ", "one\u00a0two\u2003three", "🧬 two three"})
    void countsWordsSeparatedByAnyUnicodeWhitespace(String text) {
        assertEquals(3, Text.wordCount(text));
    }
}
