package org.bioinstruct.filter.category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategoryRulesTest {
    private static final List<CategoryRule> RULES = CategoryRules.all();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "answer-options|Which drug is a statin? A. metformin B. atorvastatin C. losartan D. warfarin|",
        "answer-options-in-input|Choose the correct answer.|A diuretic? A) furosemide B) amlodipine C) insulin",
        "answer-options-in-input|Pick one.|(A) vitamin K (B) protamine (C) idarucizumab",
        "question-form|Which gene is mutated in cystic fibrosis?|",
        "question-form|Please, what is the antidote for heparin?|",
        "question-form|Is warfarin a vitamin K antagonist? Answer yes or no.|",
        "extract|Extract the drug names from the note.|",
        "extract|Pull out the vital signs.|",
        "identify-all-mentions|Identify all gene symbols in the abstract.|",
        "identify-all-mentions|List the laboratory tests mentioned in the following report.|",
        "write-summarize-rewrite|Summarize the following patient note in one sentence.|",
        "write-summarize-rewrite|Kindly rewrite the sentence in plain language.|",
        "write-summarize-rewrite|Write a brief discharge instruction for a patient starting warfarin.|",
        "unit-conversion|Convert the following glucose value from mg/dL to mmol/L.|",
        "unit-conversion|Calculate the body mass index.|"})
    void ruleFiresOnItsCue(String rule, String instruction, String input) {
        assertTrue(fired(instruction, input == null ? "" : input).contains(rule),
                rule + " did not fire on: " + instruction);
    }

    @Test
    void optionsOnSeparateLinesCount() {
        String input = "Which is a loop diuretic?\nA. furosemide\nB. amiloride\nC. spironolactone";
        assertTrue(fired("Choose the correct answer.", input).contains("answer-options-in-input"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Names the format of a multiple-choice item without listing options: a writing task.
        "answer-options|Create one multiple-choice question with four options about metformin.|",
        // Lettered items with colons are a list of patients, not answer options.
        "answer-options-in-input|Assign each patient to a priority group.|A: 80 years; B: 25 years; C: 50 years",
        "answer-options|Vitamin A. deficiency causes night blindness; explain why.|",
        "question-form|Explain your reasoning: which drug class is metformin? Then write a summary.|",
        "identify-all-mentions|Which drugs mentioned in the note were stopped?|",
        "write-summarize-rewrite|Write down the answer.|",
        "unit-conversion|Convert the prescription into structured fields.|"})
    void ruleStaysSilentOnALookalike(String rule, String instruction, String input) {
        assertFalse(fired(instruction, input == null ? "" : input).contains(rule), rule + " fired on: " + instruction);
    }

    @Test
    void everyCategoryHasARule() {
        Set<Category> covered = RULES.stream().map(CategoryRule::category).collect(Collectors.toSet());
        assertEquals(Set.of(Category.values()), covered);
    }

    @Test
    void aRuleThatWouldDisfavourItsCategoryIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CategoryRule("negative", Category.QA, Pattern.compile("x"), false, -1));
    }

    private static Set<String> fired(String instruction, String input) {
        return RULES.stream().filter(rule -> rule.matches(instruction, input)).map(CategoryRule::name)
                .collect(Collectors.toSet());
    }
}
