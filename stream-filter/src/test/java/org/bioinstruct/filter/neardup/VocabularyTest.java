package org.bioinstruct.filter.neardup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bioinstruct.schemas.text.RougeTokenizer;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private final Vocabulary vocabulary = new Vocabulary(TokenOrder.standard());

    @Test
    void encodesExactlyTheTokensRougeTokenizerFinds() {
        List<String> texts = new ArrayList<>(List.of("Summarize the patient's IL-6 levels (2.5 mg/dL).",
                "  --Hello,\tWORLD!!  ", "café naïve Straße", "ＡＢＣ full-width 123abc", "\u212Aelvin \u0130stanbul",
                "", "... !? \u00e9", "the the THE tHe", "x_y z"));
        Random random = new Random(7);
        String alphabet = "abcXYZ019 -.,'\u00e9\u0130\u212A\u00df\t";
        for (int t = 0; t < 2000; t++) {
            StringBuilder text = new StringBuilder();
            for (int c = random.nextInt(60); c > 0; c--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            Vocabulary.Encoded encoded = vocabulary.encode(text, true);
            assertEquals(RougeTokenizer.tokens(text), Arrays.stream(encoded.sequence()).mapToObj(vocabulary::token).toList(),
                    text);
        }
    }

    @Test
    void aLookupGivesEachUnknownTokenOneTemporaryIdAndAddsNothing() {
        vocabulary.encode("known words", true);
        Vocabulary.Encoded encoded = vocabulary.encode("known novel words novel other", false);
        int[] sequence = encoded.sequence();
        assertEquals(vocabulary.encode("known", false).sequence()[0], sequence[0]);
        assertTrue(sequence[1] < 0 && sequence[4] < 0 && sequence[1] != sequence[4]);
        assertEquals(sequence[1], sequence[3]);
        assertEquals(2, vocabulary.size());
    }

    @Test
    void findsEveryTokenWithItsIdAfterTheTableHasGrownManyTimes() {
        int[] ids = new int[20_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.encode("token" + i + " shared", true).sequence()[0];
        }
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], vocabulary.encode("TOKEN" + i, false).sequence()[0]);
        }
        assertEquals(ids.length + 1, vocabulary.size());
    }

    @Test
    void aTokenRepeatedInANewTextGetsOneId() {
        int[] sequence = vocabulary.encode("alpha beta alpha alpha", true).sequence();
        assertEquals(sequence[0], sequence[2]);
        assertEquals(sequence[0], sequence[3]);
        assertEquals(2, vocabulary.size());
        assertEquals(3, vocabulary.encode("alpha beta alpha alpha", false).mostRepeats());
    }
}
