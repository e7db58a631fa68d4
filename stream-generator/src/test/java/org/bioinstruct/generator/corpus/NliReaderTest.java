package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class NliReaderTest {
    private static final String FILE = "mednli-sample.jsonl";

    @Test
    void importsEveryPairAndReportsBrokenJsonAndMissingFields() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.NLI, FILE, CorpusOptions.defaults());
        assertEquals(12, result.tasks().size());
        assertEquals(List.of(6, 10), result.errorLines());
        assertTrue(result.errors().get(0).reason().startsWith("not valid JSON"), result.errors().get(0).reason());
        assertEquals("missing or empty text field 'sentence2'", result.errors().get(1).reason());
        assertTrue(result.errors().stream().allMatch(e -> e.file().equals(FILE)));
    }

    @Test
    void premiseAndHypothesisBecomeTheInputAndTheLabelTheOutput() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.NLI, FILE, CorpusOptions.defaults());
        CandidateTask first = result.at(FILE + ":1");
        assertEquals("Premise: Labs were notable for a creatinine of 2.3, up from a baseline of 1.1.\n"
                + "Hypothesis: The patient has acute kidney injury.", first.input());
        assertEquals("entailment", first.output());
        assertEquals(Category.OTHER, first.proposedCategory());
        assertTrue(NliReader.TEMPLATES.templates().contains(first.instruction()), first.instruction());
        assertEquals("contradiction", result.at(FILE + ":2").output());
        assertEquals("neutral", result.at(FILE + ":3").output());
        assertEquals("entailment", result.at(FILE + ":8").output(), "labels are normalized to lower case");
    }

    @Test
    void paraphrasesVaryAcrossPairs() {
        Set<String> instructions = Fixtures.read(CorpusFormat.NLI, FILE, CorpusOptions.defaults()).tasks().stream()
                .map(CandidateTask::instruction).collect(Collectors.toSet());
        assertTrue(instructions.size() >= 3, instructions.toString());
    }

    @Test
    void anotherSeedChoosesOtherTemplatesButKeepsInputsAndAnswers() {
        Fixtures.Import a = Fixtures.read(CorpusFormat.NLI, FILE, CorpusOptions.defaults());
        Fixtures.Import b = Fixtures.read(CorpusFormat.NLI, FILE, CorpusOptions.defaults().withSeed(14));
        assertEquals(a.outputs(), b.outputs());
        assertEquals(a.tasks().stream().map(CandidateTask::input).toList(),
                b.tasks().stream().map(CandidateTask::input).toList());
        long changed = 0;
        for (int i = 0; i < a.tasks().size(); i++) {
            changed += a.tasks().get(i).instruction().equals(b.tasks().get(i).instruction()) ? 0 : 1;
        }
        assertTrue(changed >= 3, changed + " of 12 instructions changed with the seed");
    }
}
