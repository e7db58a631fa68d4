package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BioDecoderTest {

    private static List<EntitySpan> decode(String tags) {
        return BioDecoder.decode(Arrays.stream(tags.split(" ")).map(BioTag::parse).toList());
    }

    @Test
    void multiTokenEntityIsOneSpan() {
        assertEquals(List.of(new EntitySpan("Disease", 1, 4)), decode("O B-Disease I-Disease I-Disease O"));
    }

    @Test
    void entityRunningToTheEndOfTheSentenceIsClosed() {
        assertEquals(List.of(new EntitySpan("Chemical", 2, 4)), decode("O O B-Chemical I-Chemical"));
    }

    @Test
    void insideTagWithoutBeginStartsAnEntity() {
        assertEquals(List.of(new EntitySpan("Gene", 0, 2), new EntitySpan("Gene", 3, 4)),
                decode("I-Gene I-Gene O I-Gene"));
    }

    @Test
    void adjacentBeginTagsAreSeparateEntities() {
        assertEquals(List.of(new EntitySpan("Chemical", 0, 1), new EntitySpan("Chemical", 1, 3)),
                decode("B-Chemical B-Chemical I-Chemical"));
    }

    @Test
    void insideTagOfAnotherTypeStartsANewEntity() {
        assertEquals(List.of(new EntitySpan("Chemical", 0, 2), new EntitySpan("Disease", 2, 3)),
                decode("B-Chemical I-Chemical I-Disease O"));
    }

    @Test
    void bareTagsDecodeToUntypedEntities() {
        assertEquals(List.of(new EntitySpan("", 0, 2), new EntitySpan("", 3, 4)), decode("B I O b"));
    }

    @Test
    void encodingWritesIob2SoEveryEntityOpensWithBegin() {
        List<EntitySpan> spans = decode("I-Gene I-Gene O B-Disease B-Disease");
        assertEquals(List.of("B-Gene", "I-Gene", "O", "B-Disease", "B-Disease"), BioDecoder.encode(spans, 5));
        assertEquals(List.of("B", "I", "O"), BioDecoder.encode(decode("I I O"), 3));
    }

    @Test
    void rejectsTagsOutsideTheBioScheme() {
        for (String tag : List.of("B_Disease", "E-Gene", "B-", "X")) {
            MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> BioTag.parse(tag));
            assertTrue(e.getMessage().contains("'" + tag + "'"), e.getMessage());
        }
    }
}
