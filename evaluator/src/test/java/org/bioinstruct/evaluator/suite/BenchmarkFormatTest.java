package org.bioinstruct.evaluator.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class BenchmarkFormatTest {
    static Path fixture(String name) {
        try {
            return Path.of(BenchmarkFormatTest.class.getResource("/benchmarks/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsPubMedQaAsYesNoMaybeChoices() {
        Suite suite = BenchmarkFormat.PUBMEDQA.read(fixture("pubmedqa.json"));
        assertEquals("pubmedqa", suite.name());
        assertEquals(3, suite.items().size());
        EvalItem maybe = suite.items().get(2);
        assertEquals("pubmedqa:90003", maybe.id());
        assertEquals(Category.QA, maybe.example().category());
        assertTrue(maybe.example().input().startsWith("Question: Do reminder texts improve inhaler technique?\nAbstract: "));
        assertEquals(new EvalTask.MultipleChoice(List.of("yes", "no", "maybe"), 2), maybe.task());
    }

    @Test
    void readsMedQaAsFourLetteredOptions() {
        Suite suite = BenchmarkFormat.MEDQA.read(fixture("medqa.jsonl"));
        assertEquals(2, suite.items().size());
        assertEquals(new EvalTask.MultipleChoice(List.of("A. Serum sodium", "B. HbA1c", "C. Troponin", "D. Ferritin"), 1),
                suite.items().get(1).task());
    }

    @Test
    void readsConllSentencesAsBioTagging() {
        Suite ncbi = BenchmarkFormat.NCBI_DISEASE.read(fixture("ncbi-disease.conll"));
        assertEquals(2, ncbi.items().size());
        EvalTask.BioTagging first = (EvalTask.BioTagging) ncbi.items().get(0).task();
        assertEquals(List.of("Carriers", "of", "the", "invented", "variant", "developed", "cystic", "fibrosis", "."), first.tokens());
        assertEquals(List.of("O", "O", "O", "O", "O", "O", "B-Disease", "I-Disease", "O"), first.gold());
        Suite cdr = BenchmarkFormat.BC5CDR.read(fixture("bc5cdr.conll"));
        assertEquals(List.of("B-Chemical", "O", "B-Disease", "O", "O", "O", "O", "O"),
                ((EvalTask.BioTagging) cdr.items().get(0).task()).gold());
    }

    @Test
    void readsMedNliAsInferenceChoices() {
        Suite suite = BenchmarkFormat.MEDNLI.read(fixture("mednli.jsonl"));
        assertEquals(List.of(0, 2, 1), suite.items().stream()
                .map(i -> ((EvalTask.MultipleChoice) i.task()).gold()).toList());
    }

    @Test
    void malformedRecordNamesTheFileLineAndProblem() {
        BenchmarkFormat.BenchmarkFileException e = assertThrows(BenchmarkFormat.BenchmarkFileException.class,
                () -> BenchmarkFormat.MEDQA.read(fixture("medqa-bad-answer.jsonl")));
        assertTrue(e.getMessage().contains("medqa-bad-answer.jsonl: line 1: needs question, options"), e.getMessage());
    }

    @Test
    void unknownBenchmarkNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkFormat.bySuiteName("mmlu"));
        assertEquals("unknown benchmark 'mmlu'; one of pubmedqa, medqa, ncbi-disease, bc5cdr, mednli", e.getMessage());
    }
}
