package org.bioinstruct.evaluator.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bioinstruct.evaluator.TinyModels;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelScorerTest {
    static final Example QUESTION = new Example("q", "Is aspirin an NSAID? Answer yes or no.", "", "Yes", Category.QA, "t");

    @RegisterExtension
    static final TinyModels.PerClass tiny = TinyModels.perClass(11, 0.5);

    @Test
    void batchedOptionsScoreAsEachAlone() {
        List<String> options = List.of("Yes", "No", "Not sure at all");
        try (ModelScorer scorer = ModelScorer.base(tiny.base())) {
            double[] batched = scorer.logLikelihoods(QUESTION, options);
            for (int i = 0; i < options.size(); i++) {
                assertEquals(scorer.logLikelihoods(QUESTION, List.of(options.get(i)))[0], batched[i], 1e-4);
            }
            assertTrue(batched[0] < 0 && batched[2] < batched[0], "longer options are less likely here: "
                    + java.util.Arrays.toString(batched));
        }
    }

    @Test
    void aPromptLongerThanTheContextKeepsItsEnd() {
        String tail = java.util.stream.IntStream.range(0, 700).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(" "));
        try (ModelScorer scorer = ModelScorer.base(tiny.base())) {
            double[] a = scorer.logLikelihoods("first beginning\n" + tail, List.of(" 700", " 999"));
            double[] b = scorer.logLikelihoods("another, different beginning\n" + tail, List.of(" 700", " 999"));
            assertArrayEquals(a, b, 1e-4);
            assertTrue(a[0] < 0 && a[1] < 0);
        }
    }

    @Test
    void greedyAnswersAreDeterministicAndDependOnTheAdapter() {
        try (ModelScorer plain = ModelScorer.base(tiny.base());
             ModelScorer tuned = ModelScorer.tuned(tiny.base(), tiny.adapter())) {
            String answer = tuned.answer(QUESTION, 12);
            assertEquals(answer, tuned.answer(QUESTION, 12));
            assertNotEquals(answer, plain.answer(QUESTION, 12));
        }
    }

    @Test
    void anAdapterChangesTheScores() {
        try (ModelScorer plain = ModelScorer.base(tiny.base());
             ModelScorer tuned = ModelScorer.tuned(tiny.base(), tiny.adapter())) {
            double[] a = plain.logLikelihoods(QUESTION, List.of("Yes", "No"));
            double[] b = tuned.logLikelihoods(QUESTION, List.of("Yes", "No"));
            assertNotEquals(a[0], b[0]);
            assertArrayEquals(a, plain.logLikelihoods(QUESTION, List.of("Yes", "No")), 1e-6);
        }
    }
}
