package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class RelationTsvReaderTest {
    private static final String GAD = "gad-sample.tsv";
    private static final String CHEMPROT = "chemprot-sample.tsv";
    private static final CorpusOptions OPTIONS = CorpusOptions.defaults();

    @Test
    void skipsTheHeaderAndReportsRowsWithWrongColumnsOrMissingMasks() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.RE_TSV, GAD, OPTIONS);
        assertEquals(13, result.tasks().size());
        assertEquals(GAD + ":2", result.tasks().get(0).origin());
        assertEquals(List.of(
                new CorpusError(GAD, 9, "expected two masked entities such as @GENE$ and @DISEASE$, found 1"),
                new CorpusError(GAD, 12, "expected id<TAB>sentence<TAB>label, found 5 columns")), result.errors());
        assertTrue(result.tasks().stream().allMatch(t -> t.proposedCategory() == Category.IE));
    }

    @Test
    void binaryLabelsBecomeYesOrNo() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.RE_TSV, GAD, OPTIONS);
        assertEquals(List.of("yes", "no", "yes", "no", "yes", "no", "yes", "yes", "no", "yes", "no", "yes", "yes"),
                result.outputs());
        CandidateTask first = result.tasks().get(0);
        assertEquals("The C677T polymorphism of @GENE$ was associated with an increased risk of @DISEASE$ in a "
                + "Korean cohort.", first.input());
        assertTrue(Fixtures.filled(RelationTsvReader.BINARY_TEMPLATES, "{pair}", "@GENE$ and @DISEASE$")
                .contains(first.instruction()), first.instruction());
    }

    @Test
    void paraphrasesVaryAcrossSentences() {
        Set<String> instructions = Fixtures.read(CorpusFormat.RE_TSV, GAD, OPTIONS).tasks().stream()
                .map(CandidateTask::instruction).collect(Collectors.toSet());
        assertTrue(instructions.size() >= 3, instructions.toString());
    }

    @Test
    void multiClassLabelsAreKeptAndTheirLabelSetIsNamed() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.RE_TSV, CHEMPROT, OPTIONS);
        assertEquals(List.of("CPR:4", "CPR:3", "CPR:5", "false", "CPR:6", "CPR:9", "CPR:4", "false", "CPR:3",
                "DDI-mechanism"), result.outputs());
        assertEquals(List.of(new CorpusError(CHEMPROT, 7, "empty label")), result.errors());
        CandidateTask chemprot = result.at(CHEMPROT + ":4");
        assertTrue(chemprot.instruction().contains("between @CHEMICAL$ and @GENE$"), chemprot.instruction());
        assertTrue(chemprot.instruction().endsWith("Answer with one of: CPR:3, CPR:4, CPR:5, CPR:6, CPR:9 or false."),
                chemprot.instruction());
        CandidateTask ddi = result.at(CHEMPROT + ":11");
        assertTrue(ddi.instruction().contains("the two @DRUG$ entities"), ddi.instruction());
        assertTrue(ddi.instruction().contains("DDI-advise, DDI-effect, DDI-int, DDI-mechanism or DDI-false"),
                ddi.instruction());
    }

    @Test
    void labelsMapByScheme() {
        List<String> geneDisease = List.of("@GENE$", "@DISEASE$");
        List<String> chemicalGene = List.of("@CHEMICAL$", "@GENE$");
        assertEquals(new RelationLabel(RelationLabel.Scheme.BINARY, "yes"), RelationLabel.of("1", geneDisease));
        assertEquals(new RelationLabel(RelationLabel.Scheme.BINARY, "no"), RelationLabel.of("No", geneDisease));
        assertEquals(new RelationLabel(RelationLabel.Scheme.CHEMPROT, "CPR:9"), RelationLabel.of("cpr:9", chemicalGene));
        assertEquals(new RelationLabel(RelationLabel.Scheme.CHEMPROT, "false"), RelationLabel.of("FALSE", chemicalGene));
        assertEquals(new RelationLabel(RelationLabel.Scheme.OTHER, "false"), RelationLabel.of("false", geneDisease));
        assertEquals(new RelationLabel(RelationLabel.Scheme.DDI, "DDI-effect"), RelationLabel.of("ddi-effect", List.of()));
        assertEquals(new RelationLabel(RelationLabel.Scheme.OTHER, "treats"), RelationLabel.of("treats", geneDisease));
    }
}
