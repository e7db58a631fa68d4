package org.bioinstruct.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bioinstruct.evaluator.metrics.BioChunks.Chunk;
import org.junit.jupiter.api.Test;

/** seqeval default-mode (IOB2, non-strict) chunking, worked out by hand from its start/end-of-chunk rules. */
class BioChunksTest {
    @Test
    void findsChunksOfIob2Tags() {
        assertEquals(List.of(new Chunk("Disease", 0, 2), new Chunk("Chemical", 3, 4)),
                BioChunks.chunks(List.of("B-Disease", "I-Disease", "O", "B-Chemical")));
    }

    @Test
    void insideAfterOutsideStartsAChunk() {
        assertEquals(List.of(new Chunk("Disease", 1, 3)), BioChunks.chunks(List.of("O", "I-Disease", "I-Disease")));
    }

    @Test
    void typeChangeOrNewBeginEndsAChunk() {
        assertEquals(List.of(new Chunk("A", 0, 1), new Chunk("B", 1, 2), new Chunk("B", 2, 3)),
                BioChunks.chunks(List.of("B-A", "I-B", "B-B")));
    }

    @Test
    void spanF1NeedsTypeStartAndEndToMatch() {
        List<String> gold = List.of("B-Disease", "I-Disease", "O", "B-Chemical", "O", "B-Disease");
        // right: the first Disease; wrong end: none; wrong type: the Chemical tagged Disease; missed: the last Disease
        List<String> predicted = List.of("B-Disease", "I-Disease", "O", "B-Disease", "O", "O");
        Prf prf = BioChunks.count(predicted, gold);
        assertEquals(new Prf(1, 1, 2), prf);
        assertEquals(0.5, prf.precision(), 1e-12);
        assertEquals(1.0 / 3, prf.recall(), 1e-12);
        assertEquals(0.4, prf.f1(), 1e-12);
    }

    @Test
    void truncatedSpanIsWrongAndShortPredictionsArePaddedWithOutside() {
        Prf prf = BioChunks.count(List.of("B-Disease"), List.of("B-Disease", "I-Disease", "O"));
        assertEquals(new Prf(0, 1, 1), prf);
    }

    @Test
    void malformedTagsCountAsOutside() {
        assertEquals(List.of(new Chunk("X", 1, 2)), BioChunks.chunks(List.of("disease", "B-X", "B-", "O")));
    }
}
