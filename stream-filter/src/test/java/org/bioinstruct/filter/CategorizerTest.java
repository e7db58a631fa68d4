package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bioinstruct.filter.Categorizer.Categorization;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategorizerTest {
    private final Categorizer categorizer = new Categorizer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Which drug class does metformin belong to?|QA",
        "Is warfarin a vitamin K antagonist? Answer yes or no.|QA",
        "Based on the following note, which medication was discontinued?|QA",
        "Extract the drug names from the following clinical note.|IE",
        "Identify all gene symbols mentioned in the following abstract.|IE",
        "List the laboratory tests mentioned in the following report.|IE",
        "Summarize the following patient note in one sentence.|GEN",
        "Rewrite the following sentence in plain language for a patient.|GEN",
        "Write a short explanation of what the HbA1c test measures.|GEN",
        "Explain the clinical relevance of the CFTR gene in one sentence.|GEN",
        "Generate a patient education sentence about sertraline.|GEN",
        "Convert the following blood glucose value from mg/dL to mmol/L.|OTHER",
        "Classify the following sentence as describing a drug, a gene, or a laboratory test.|OTHER",
        "Sort the following drug names alphabetically.|OTHER"})
    void categorizesByInstructionCues(String instruction, Category expected) {
        Categorization result = categorizer.categorize(instruction, "", Category.OTHER);
        assertEquals(expected, result.category(), instruction);
        assertTrue(result.confidence() > 0 && result.confidence() <= 1, "confidence " + result.confidence());
    }

    @Test
    void answerOptionsInTheInputPointToQuestionAnswering() {
        assertEquals(Category.QA, categorizer.categorize("Pick the biguanide from the options below.",
                "A. metformin\nB. warfarin\nC. losartan", null).category());
    }

    @Test
    void proposedCategoryBreaksATie() {
        String instruction = "Explain your answer: which drug class is metformin?";
        assertEquals(Category.GEN, categorizer.categorize(instruction, "", Category.GEN).category());
        Categorization qa = categorizer.categorize(instruction, "", Category.QA);
        assertEquals(Category.QA, qa.category());
        assertEquals(0.5, qa.confidence(), 1e-9);
    }

    @Test
    void proposalDoesNotOverrideAClearCue() {
        Categorization result = categorizer.categorize("Extract the gene symbols from the following sentence.", "",
                Category.GEN);
        assertEquals(Category.IE, result.category());
        assertEquals(1.0, result.confidence(), 1e-9);
    }

    @Test
    void noCueMeansOtherWithModestConfidence() {
        Categorization agreed = categorizer.categorize("Convert 154 pounds to kilograms.", "", Category.OTHER);
        Categorization disputed = categorizer.categorize("Convert 154 pounds to kilograms.", "", Category.QA);
        assertEquals(Category.OTHER, agreed.category());
        assertEquals(Category.OTHER, disputed.category());
        assertTrue(agreed.confidence() > disputed.confidence());
    }
}
