package org.bioinstruct.evaluator.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;
import org.junit.jupiter.api.Test;

/** The layouts below are those the generator's synthetic and corpus tasks write. */
class TaskClassifierTest {
    private static EvalTask classify(Category category, String instruction, String input, String output) {
        return TaskClassifier.classify(new Example("x", instruction, input, output, category, "test"));
    }

    @Test
    void letteredOptionsInTheInputMakeMultipleChoiceOverTheOptionLines() {
        EvalTask task = classify(Category.QA, "Select the statin from the options below.",
                "Note: Pt needs a statin.\nA. metformin\nB. atorvastatin\nC. lisinopril\nD. warfarin", "B. atorvastatin");
        assertEquals(new EvalTask.MultipleChoice(List.of("A. metformin", "B. atorvastatin", "C. lisinopril", "D. warfarin"), 1), task);
        assertEquals("multiple_choice", task.name());
    }

    @Test
    void yesNoAnswersAreChoicesInTheGoldsCapitalization() {
        assertEquals(new EvalTask.MultipleChoice(List.of("Yes", "No"), 1),
                classify(Category.QA, "Is aspirin a statin? Answer yes or no.", "note", "No"));
        assertEquals(new EvalTask.MultipleChoice(List.of("yes", "no", "maybe"), 0),
                classify(Category.QA, "Reply with yes, no or maybe.", "abstract", "yes"));
    }

    @Test
    void inferenceLabelsAreThreeWayChoices() {
        assertEquals(new EvalTask.MultipleChoice(List.of("entailment", "neutral", "contradiction"), 2),
                classify(Category.OTHER, "Determine the inference label.", "Premise: a\nHypothesis: b", "contradiction"));
    }

    @Test
    void shortAnswersUseExactMatchAndLongOnesRougeL() {
        assertEquals(new EvalTask.ShortAnswer("chromosome 17"), classify(Category.QA, "Which chromosome?", "", "chromosome 17"));
        EvalTask long_ = classify(Category.QA, "Answer the patient.", "", "Metformin is commonly prescribed for type 2 diabetes.");
        assertEquals("long_answer", long_.name());
    }

    @Test
    void extractionOutputsBecomeEntitySetsRelationSetsOrBioTags() {
        assertEquals(new EvalTask.ItemSet(List.of("metformin", "aspirin"), false),
                classify(Category.IE, "Extract the drug names.", "note", "metformin, aspirin"));
        assertEquals(new EvalTask.ItemSet(List.of("metformin: type 2 diabetes", "atorvastatin: hyperlipidemia"), true),
                classify(Category.IE, "Pair each drug.", "note", "metformin: type 2 diabetes; atorvastatin: hyperlipidemia"));
        assertEquals(new EvalTask.ItemSet(List.of("cystic fibrosis (disease)", "ataxia (disease)"), false),
                classify(Category.IE, "List the Disease entities.", "s", "cystic fibrosis (Disease)\nataxia (Disease)"));
        assertEquals(new EvalTask.ItemSet(List.of(), false), classify(Category.IE, "List the entities.", "s", "None"));
        assertEquals(new EvalTask.BioTagging(List.of("cystic", "fibrosis", "."), List.of("B-Disease", "I-Disease", "O")),
                classify(Category.IE, "Tag.", "cystic fibrosis .", "cystic : B-Disease\nfibrosis : I-Disease\n. : O"));
    }

    @Test
    void generationIsJudgedFreeText() {
        assertEquals(new EvalTask.FreeText("A summary.", true), classify(Category.GEN, "Summarize.", "text", "A summary."));
    }
}
