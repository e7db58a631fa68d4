package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class InstructionReaderTest {
    private static final String FILE = "bioinstruct-sample.jsonl";
    private static final Fixtures.Import RESULT = Fixtures.read(CorpusFormat.INSTRUCTIONS, FILE,
            CorpusOptions.defaults());

    @Test
    void importsEveryTaskAndReportsThoseWithoutOutputOrNotAnObject() {
        assertEquals(13, RESULT.tasks().size());
        assertEquals(List.of(new CorpusError(FILE, 9, "missing or empty text field 'output'"),
                new CorpusError(FILE, 12, "expected a JSON object, found array")), RESULT.errors());
    }

    @Test
    void keepsTheTextsAsTheyAreWithAMissingInputEmpty() {
        CandidateTask task = RESULT.at(FILE + ":2");
        assertEquals("Extract all medication names from the clinical note.", task.instruction());
        assertEquals("Patient discharged on lisinopril 10 mg daily, atorvastatin 40 mg nightly and aspirin 81 mg.",
                task.input());
        assertEquals("lisinopril, atorvastatin, aspirin", task.output());
        assertEquals("", RESULT.at(FILE + ":5").input());
    }

    @Test
    void categoriesAreReadInAnyCaseAndBySynonymWithOtherForMissingOrUnknown() {
        assertEquals(List.of(Category.QA, Category.IE, Category.GEN, Category.OTHER, Category.QA, Category.IE,
                        Category.GEN, Category.OTHER, Category.QA, Category.OTHER, Category.IE, Category.GEN,
                        Category.OTHER),
                RESULT.tasks().stream().map(CandidateTask::proposedCategory).toList());
    }

    @Test
    void categorySynonyms() {
        assertEquals(Category.QA, InstructionReader.category(" Question-Answering "));
        assertEquals(Category.IE, InstructionReader.category("NAMED_ENTITY_RECOGNITION"));
        assertEquals(Category.GEN, InstructionReader.category("Summarization"));
        assertEquals(Category.OTHER, InstructionReader.category("Classification"));
        assertEquals(Category.OTHER, InstructionReader.category("poetry"));
    }
}
