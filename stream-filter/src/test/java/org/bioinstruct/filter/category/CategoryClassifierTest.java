package org.bioinstruct.filter.category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CategoryClassifierTest {
    private final CategoryClassifier classifier = CategoryClassifier.trained();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Which drug class does metformin belong to?|QA",
        "Is warfarin a vitamin K antagonist? Answer yes or no.|QA",
        "Extract the drug names from the following clinical note.|IE",
        "Identify all gene symbols mentioned in the following abstract.|IE",
        "Summarize the following patient note in one sentence.|GEN",
        "Explain the clinical relevance of the CFTR gene in one sentence.|GEN",
        "Convert the following blood glucose value from mg/dL to mmol/L.|OTHER",
        "Classify the following sentence as describing a drug, a gene, or a laboratory test.|OTHER"})
    void clearCasesAreRightAndConfident(String instruction, Category expected) {
        Prediction prediction = classifier.classify(instruction, "", null);
        assertEquals(expected, prediction.category(), prediction.explanation());
        assertTrue(prediction.confidence() >= 0.9, prediction.explanation());
    }

    @Test
    void answerOptionsInTheInputMakeAQuestion() {
        Prediction prediction = classifier.classify("Pick the biguanide.",
                "A. metformin\nB. warfarin\nC. losartan\nD. aspirin", null);
        assertEquals(Category.QA, prediction.category(), prediction.explanation());
        assertTrue(prediction.explanation().contains("answer-options-in-input"), prediction.explanation());
    }

    @Test
    void aClearCaseIsMoreConfidentThanAnAmbiguousOne() {
        double clear = classifier.classify("Extract every medication mentioned in the note.", "", null).confidence();
        double ambiguous = classifier.classify("Work out the number needed to treat.", "", null).confidence();
        assertTrue(clear > ambiguous, clear + " vs " + ambiguous);
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void aWrongProposalDoesNotFlipAConfidentPrediction(Category proposal) {
        Prediction prediction = classifier.classify("Extract the gene symbols from the following sentence.",
                "BRCA1 and TP53 were mutated.", proposal);
        assertEquals(Category.IE, prediction.category(), prediction.explanation());
        assertTrue(prediction.confidence() > 0.9, prediction.explanation());
    }

    @Test
    void theProposalOnlyBreaksACloseCall() {
        String balanced = closeCall();
        Prediction alone = classifier.classify(balanced, "", null);
        Category other = alone.category() == Category.QA ? Category.GEN : Category.QA;
        assertTrue(alone.confidence() < 0.6, alone.explanation());
        assertEquals(other, classifier.classify(balanced, "", other).category());
        assertEquals(alone.category(), classifier.classify(balanced, "", alone.category()).category());
    }

    @Test
    void theProposalShiftsConfidenceByAtMostItsLogOdds() {
        Prediction alone = classifier.classify("Describe how statins lower cholesterol.", "", null);
        Prediction agreed = classifier.classify("Describe how statins lower cholesterol.", "", alone.category());
        double oddsAlone = alone.confidence() / (1 - alone.confidence());
        double oddsAgreed = agreed.confidence() / (1 - agreed.confidence());
        assertTrue(agreed.confidence() >= alone.confidence());
        assertTrue(Math.log(oddsAgreed / oddsAlone) <= CategoryClassifier.PROPOSAL_LOG_ODDS + 1e-9);
    }

    @Test
    void confidenceIsAProbabilityEvenForEmptyOrUnknownText() {
        for (String instruction : List.of("", "zzz qqq", "?", "Extract summarize answer convert")) {
            Prediction prediction = classifier.classify(instruction, null, null);
            assertTrue(prediction.confidence() >= 0.25 && prediction.confidence() <= 1, instruction);
        }
        Prediction unknown = classifier.classify("zzz qqq", "", null);
        assertTrue(unknown.confidence() < 0.5, unknown.explanation());
    }

    @Test
    void explanationNamesRulesCuesAndProposal() {
        Prediction prediction = classifier.classify("Summarize the following note.", "Patient admitted.", Category.QA);
        assertTrue(prediction.explanation().startsWith("GEN p="), prediction.explanation());
        assertTrue(prediction.explanation().contains("write-summarize-rewrite->GEN"), prediction.explanation());
        assertTrue(prediction.explanation().contains("'summarize'"), prediction.explanation());
        assertTrue(prediction.explanation().contains("proposal: QA (overruled)"), prediction.explanation());
    }

    @Test
    void trainedIsSharedAndDeterministic() {
        assertSame(classifier, CategoryClassifier.trained());
        Prediction first = classifier.classify("What does the INR test measure?", "", Category.GEN);
        assertEquals(first, classifier.classify("What does the INR test measure?", "", Category.GEN));
    }

    @Test
    void trainingNeedsEveryCategory() {
        List<LabelledTask> noOther = List.of(new LabelledTask("What is x?", "", Category.QA),
                new LabelledTask("Extract x.", "", Category.IE), new LabelledTask("Write x.", "", Category.GEN));
        assertThrows(IllegalArgumentException.class, () -> CategoryClassifier.train(noOther));
    }

    @Test
    void aClassifierLearnsFromItsOwnTrainingData() {
        List<LabelledTask> tiny = List.of(
                new LabelledTask("frobnicate the widget", "", Category.OTHER),
                new LabelledTask("frobnicate a gadget", "", Category.OTHER),
                new LabelledTask("what is a widget", "", Category.QA),
                new LabelledTask("pull spans from text", "", Category.IE),
                new LabelledTask("compose a poem", "", Category.GEN));
        CategoryClassifier custom = CategoryClassifier.train(tiny, List.of());
        assertEquals(Category.OTHER, custom.classify("frobnicate the gadget", "", null).category());
        assertNotEquals(Category.OTHER, classifier.classify("Write a poem about frobnication.", "", null).category());
    }

    /** A task the text leaves between QA and GEN, found rather than hard-coded so retraining cannot break it. */
    private String closeCall() {
        for (String candidate : List.of("Explain your answer: which drug class is metformin?",
                "Explain why metformin is first-line in type 2 diabetes.", "Describe what HbA1c measures.",
                "How would you explain HbA1c to a patient?", "Explain what the INR test measures.")) {
            Prediction prediction = classifier.classify(candidate, "", null);
            if (prediction.confidence() < 0.6
                    && (prediction.category() == Category.QA || prediction.category() == Category.GEN)) {
                return candidate;
            }
        }
        throw new AssertionError("no close QA/GEN call among the candidates");
    }
}
