package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class McqaReaderTest {
    private static final String FILE = "mcqa-sample.jsonl";
    private static final Fixtures.Import RESULT = Fixtures.read(CorpusFormat.MCQA, FILE, CorpusOptions.defaults());

    @Test
    void detectsTheStylePerLineAndReportsRecordsOfNeitherOrWithABadAnswer() {
        assertEquals(12, RESULT.tasks().size());
        assertEquals(List.of(
                new CorpusError(FILE, 6, "answer_idx 'E' is not one of the options [A, B, C, D]"),
                new CorpusError(FILE, 9, "neither MedQA (question, options, answer_idx) nor PubMedQA "
                        + "(QUESTION, CONTEXTS, final_decision)")), RESULT.errors());
        assertTrue(RESULT.tasks().stream().allMatch(t -> t.proposedCategory() == Category.QA));
    }

    @Test
    void medQaListsTheOptionsAndAnswersWithLetterAndText() {
        CandidateTask task = RESULT.at(FILE + ":1");
        assertEquals("A 45-year-old man presents with crushing substernal chest pain radiating to the left arm. "
                + "ECG shows ST elevation in leads II, III and aVF. Which coronary artery is most likely occluded?\n"
                + "A. Left anterior descending artery\nB. Left circumflex artery\nC. Right coronary artery\n"
                + "D. Left main coronary artery", task.input());
        assertEquals("C. Right coronary artery", task.output());
        assertTrue(McqaReader.MEDQA_TEMPLATES.templates().contains(task.instruction()), task.instruction());
    }

    @Test
    void medQaWithoutAnswerIndexFindsTheLetterFromTheAnswerText() {
        assertEquals("B. Phenylalanine hydroxylase", RESULT.at(FILE + ":10").output());
    }

    @Test
    void pubMedQaJoinsTheContextsAndAnswersWithTheDecision() {
        CandidateTask task = RESULT.at(FILE + ":3");
        assertEquals("Context: Early mobilization is recommended after hip fracture surgery, but evidence on its "
                + "effect is limited. In this cohort of 412 patients, mobilization within 24 hours was associated "
                + "with a shorter median stay (8 vs 11 days).\nQuestion: Does early mobilization reduce length of "
                + "hospital stay after hip fracture surgery?", task.input());
        assertEquals("yes", task.output());
        assertTrue(McqaReader.PUBMEDQA_TEMPLATES.templates().contains(task.instruction()), task.instruction());
    }

    @Test
    void pubMedQaAcceptsARecordWrappedUnderItsPmidAndLowerCaseFields() {
        CandidateTask wrapped = RESULT.at(FILE + ":7");
        assertEquals("no", wrapped.output());
        assertTrue(wrapped.input().endsWith("Question: Do statins lower the risk of contrast-induced nephropathy "
                + "in patients with chronic kidney disease?"), wrapped.input());
        CandidateTask lowerCase = RESULT.at(FILE + ":8");
        assertEquals("maybe", lowerCase.output());
        assertTrue(lowerCase.input().startsWith("Context: Trials of vitamin D supplementation"), lowerCase.input());
    }

    @Test
    void paraphrasesVaryWithinEachStyle() {
        Set<String> medQa = RESULT.tasks().stream().filter(t -> t.output().matches("[A-E]\\. .*"))
                .map(CandidateTask::instruction).collect(Collectors.toSet());
        Set<String> pubMedQa = RESULT.tasks().stream().filter(t -> !t.output().matches("[A-E]\\. .*"))
                .map(CandidateTask::instruction).collect(Collectors.toSet());
        assertTrue(medQa.size() >= 2, medQa.toString());
        assertTrue(pubMedQa.size() >= 2, pubMedQa.toString());
    }
}
