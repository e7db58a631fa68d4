package org.bioinstruct.filter.neardup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {

    @Test
    void findsTheMostSimilarTextAboveTheSearchThreshold() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.5);
        index.add("far", "Translate the sentence into French for the reader.");
        index.add("near", "Summarize the clinical findings of the patient in two sentences.");
        index.add("nearer", "Summarize the clinical findings of this patient in two short sentences.");

        Optional<Match> match = index.nearest("Summarize the clinical findings of this patient in two sentences.");

        assertEquals("nearer", match.orElseThrow().id());
        assertEquals(2.0 * 10 / (10 + 11), match.get().similarity());
    }

    @Test
    void reportsNothingBelowTheSearchThreshold() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.7);
        index.add("a", "List the symptoms of acute hepatitis in adults.");

        assertEquals(Optional.empty(), index.nearest("Explain how statins lower cholesterol in adults."));
        assertEquals(Optional.empty(), index.nearest("!!!"));
    }

    @Test
    void tiesGoToTheEarliestAddedText() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.7);
        index.add("first", "Name the gene mutated in cystic fibrosis");
        index.add("second", "Name the gene mutated in cystic fibrosis");

        assertEquals("first", index.nearest("name the gene mutated in cystic fibrosis").orElseThrow().id());
    }

    @Test
    void matchesRepeatedTokensAsAMultiset() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.9);
        index.add("a", "the the the the the the the the the the");

        assertEquals(1.0, index.nearest("The the THE the the the the the the the.").orElseThrow().similarity());
        assertEquals(Optional.empty(), index.nearest("the the the the the the the the"));
    }

    @Test
    void aTaskExactlyAtTheThresholdIsAcceptedAndOneAboveIsRejected() {
        NearDuplicateFilter filter = new NearDuplicateFilter(new NearDuplicateIndex(0.7), 0.7);
        filter.check("base", "alpha beta gamma delta epsilon zeta eta theta");

        // LCS 7 of 8 and 12 tokens: F = 14 / 20 = 0.7 exactly
        NearDuplicateFilter.Decision atThreshold =
                filter.check("tie", "alpha beta gamma delta epsilon zeta eta one two three four five");
        // LCS 7 of 8 and 11 tokens: F = 14 / 19 > 0.7
        NearDuplicateFilter.Decision above = filter.check("above", "alpha beta gamma delta epsilon zeta eta x y z w");

        assertFalse(atThreshold.duplicate());
        assertEquals(new Match("base", 0.7), atThreshold.nearest().orElseThrow());
        assertTrue(above.duplicate());
        assertEquals("base", above.nearest().orElseThrow().id());
        assertEquals(2, filter.accepted().size());
    }

    @Test
    void rejectsThresholdsOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateIndex(0));
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateIndex(1.5));
    }

    @Test
    void reportsTheSameNearestAsTheExhaustiveSearchAtALowerThreshold() {
        NearDuplicateIndex index = new NearDuplicateIndex(0.5);
        ExhaustiveNearDuplicates exhaustive = new ExhaustiveNearDuplicates(0.5);
        int found = 0;
        for (SyntheticCorpus.Task task : new SyntheticCorpus(7, 0.2).take(1500)) {
            Optional<Match> expected = exhaustive.nearest(task.text());
            assertEquals(expected, index.nearest(task.text()), task.text());
            found += expected.isPresent() ? 1 : 0;
            index.add(task.id(), task.text());
            exhaustive.add(task.id(), task.text());
        }
        assertTrue(found > 150, "too few matches to mean anything: " + found);
    }

    @Tag("slow")
    @Test
    void recallAndPrecisionMatchAnExhaustiveReferenceOn20kInstructions() {
        NearDuplicateFilter indexed = new NearDuplicateFilter(new NearDuplicateIndex(0.7), 0.7);
        NearDuplicateFilter reference = new NearDuplicateFilter(ExhaustiveNearDuplicates.withBitParallelLcs(0.7), 0.7);
        List<SyntheticCorpus.Task> tasks = new SyntheticCorpus(42, 0.1).take(20_000);
        int rejectedByReference = 0;
        int rejectedByBoth = 0;
        int rejectedByIndexOnly = 0;
        int planted = 0;
        for (SyntheticCorpus.Task task : tasks) {
            NearDuplicateFilter.Decision expected = reference.check(task.id(), task.text());
            NearDuplicateFilter.Decision actual = indexed.check(task.id(), task.text());
            planted += task.planted() ? 1 : 0;
            rejectedByReference += expected.duplicate() ? 1 : 0;
            rejectedByBoth += expected.duplicate() && actual.duplicate() ? 1 : 0;
            rejectedByIndexOnly += actual.duplicate() && !expected.duplicate() ? 1 : 0;
            if (expected.duplicate()) {
                assertEquals(expected.nearest(), actual.nearest(), task.text());
            }
        }
        System.out.printf("20k near-dup check: %d tasks, %d planted, reference rejects %d, index rejects %d of them "
                + "and %d others; recall %.4f, precision %.4f%n", tasks.size(), planted, rejectedByReference,
                rejectedByBoth, rejectedByIndexOnly, (double) rejectedByBoth / rejectedByReference,
                (double) rejectedByBoth / (rejectedByBoth + rejectedByIndexOnly));
        assertTrue(rejectedByReference > planted / 3, "planted near-duplicates should be found: " + rejectedByReference);
        assertEquals(rejectedByReference, rejectedByBoth, "recall");
        assertEquals(0, rejectedByIndexOnly, "precision");
        assertEquals(reference.accepted().size(), indexed.accepted().size());
    }
}
