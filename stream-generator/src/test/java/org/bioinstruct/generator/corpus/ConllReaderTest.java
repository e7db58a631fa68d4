package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllReaderTest {
    private static final String FILE = "bc5cdr-sample.conll";
    private static final CorpusOptions TAGS = new CorpusOptions(NerOutput.TAGS, "", 13);
    private static final CorpusOptions ENTITIES = new CorpusOptions(NerOutput.ENTITIES, "", 13);

    @TempDir
    Path dir;

    @Test
    void importsEverySentenceAndSkipsTheMalformedOnesReportingTheirLines() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.CONLL, FILE, CorpusOptions.defaults());
        assertEquals(13, result.tasks().size());
        assertEquals(List.of(new CorpusError(FILE, 69, "expected a token and a BIO tag separated by a tab or space, "
                        + "found 'reduced'"),
                new CorpusError(FILE, 111, "'B_Chemical' is not a BIO tag (O, B-<type>, I-<type>)")),
                result.errors());
        assertTrue(result.tasks().stream().allMatch(t -> t.proposedCategory() == Category.IE));
    }

    @Test
    void originIsTheFirstLineOfEachSentenceAndDocstartLinesAreIgnored() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.CONLL, FILE, CorpusOptions.defaults());
        assertEquals(List.of(3, 15, 30, 43, 56, 81, 94, 120, 132, 142, 155, 166, 179).stream()
                .map(line -> FILE + ":" + line).toList(), result.origins());
        assertTrue(result.tasks().stream().noneMatch(t -> t.input().contains("DOCSTART")));
    }

    @Test
    void tagOutputListsEveryTokenWithItsTag() {
        CandidateTask task = Fixtures.read(CorpusFormat.CONLL, FILE, TAGS).at(FILE + ":15");
        assertEquals("Treatment with cisplatin caused acute kidney injury in 12% of the cohort.", task.input());
        assertEquals(String.join("\n", "Treatment : O", "with : O", "cisplatin : B-Chemical", "caused : O",
                "acute : B-Disease", "kidney : I-Disease", "injury : I-Disease", "in : O", "12 : O", "% : O",
                "of : O", "the : O", "cohort : O", ". : O"), task.output());
        assertTrue(Fixtures.filled(NerTaskWriter.TAG_TEMPLATES, "{types}", "chemical and disease")
                .contains(task.instruction()), task.instruction());
    }

    @Test
    void strayInsideTagComesOutAsBegin() {
        CandidateTask task = Fixtures.read(CorpusFormat.CONLL, FILE, TAGS).at(FILE + ":155");
        assertTrue(task.output().contains("Ketamine : B-Chemical\nreduced : O\ndepressive : B-Disease\n"
                + "symptoms : I-Disease\n"), task.output());
    }

    @Test
    void entityOutputListsEachMentionWithItsType() {
        Fixtures.Import result = Fixtures.read(CorpusFormat.CONLL, FILE, ENTITIES);
        CandidateTask task = result.at(FILE + ":81");
        assertEquals("Patients receiving doxorubicin (DOX) developed dilated cardiomyopathy.", task.input());
        assertEquals("doxorubicin (chemical)\nDOX (chemical)\ndilated cardiomyopathy (disease)", task.output());
        assertTrue(Fixtures.filled(NerTaskWriter.ENTITY_TEMPLATES, "{types}", "chemical and disease")
                .contains(task.instruction()), task.instruction());
        assertEquals("Valproic acid (chemical)\nneural tube defects (disease)", result.at(FILE + ":94").output());
        assertEquals("None", result.at(FILE + ":30").output());
    }

    @Test
    void spaceSeparatedLinesAreReadLikeTabSeparatedOnes() {
        CandidateTask task = Fixtures.read(CorpusFormat.CONLL, FILE, ENTITIES).at(FILE + ":132");
        assertEquals("Gentamicin nephrotoxicity was dose-dependent in neonates.", task.input());
        assertEquals("Gentamicin (chemical)\nnephrotoxicity (disease)", task.output());
    }

    @Test
    void mixedOutputUsesBothFormsAndVariesTheTemplates() {
        List<CandidateTask> tasks = Fixtures.read(CorpusFormat.CONLL, FILE, CorpusOptions.defaults()).tasks();
        long tagged = tasks.stream().filter(t -> t.output().contains(" : O")).count();
        assertTrue(tagged > 0 && tagged < tasks.size(), tagged + " of " + tasks.size() + " as tags");
        Set<String> instructions = tasks.stream().map(CandidateTask::instruction).collect(Collectors.toSet());
        assertTrue(instructions.size() >= 5, instructions.toString());
    }

    @Test
    void instructionNamesTheTypesSeenSoFarNotJustTheSentences() throws IOException {
        Path file = write("B-Gene\tO\nmutations\tO\n\nAspirin\tB-Chemical\nworks\tO\n\nNothing\tO\nhere\tO\n");
        List<CandidateTask> tasks = Fixtures.read(CorpusFormat.CONLL, file, ENTITIES).tasks();
        assertTrue(tasks.get(0).instruction().contains("biomedical"), tasks.get(0).instruction());
        assertTrue(tasks.get(1).instruction().contains(" chemical "), tasks.get(1).instruction());
        assertTrue(tasks.get(2).instruction().contains(" chemical "), tasks.get(2).instruction());
        assertEquals("None", tasks.get(2).output());
    }

    @Test
    void untypedTagsListBareMentionsUnlessAnEntityTypeIsConfigured() throws IOException {
        Path file = write("BRCA1\tB\nloss\tO\ncauses\tO\nbreast\tB\ncancer\tI\n.\tO\n");
        CandidateTask plain = Fixtures.read(CorpusFormat.CONLL, file, ENTITIES).tasks().get(0);
        assertEquals("BRCA1\nbreast cancer", plain.output());
        assertTrue(plain.instruction().contains("biomedical"), plain.instruction());

        CorpusOptions named = new CorpusOptions(NerOutput.ENTITIES, "Disease", 13);
        CandidateTask typed = Fixtures.read(CorpusFormat.CONLL, file, named).tasks().get(0);
        assertEquals("BRCA1 (disease)\nbreast cancer (disease)", typed.output());
        assertTrue(typed.instruction().contains("disease"), typed.instruction());
        CandidateTask tagged = Fixtures.read(CorpusFormat.CONLL, file,
                new CorpusOptions(NerOutput.TAGS, "Disease", 13)).tasks().get(0);
        assertTrue(tagged.output().startsWith("BRCA1 : B-Disease\nloss : O"), tagged.output());
    }

    @Test
    void extraColumnsTakeTheFirstAsTokenAndTheLastAsTag() throws IOException {
        Path file = write("-DOCSTART- -X- -X- O\n\nEGFR NNP B-NP B-Gene\nmutations NNS I-NP O\n");
        Fixtures.Import result = Fixtures.read(CorpusFormat.CONLL, file, ENTITIES);
        assertEquals(List.of(), result.errors());
        assertEquals("EGFR (gene)", result.tasks().get(0).output());
        assertEquals("corpus.conll:3", result.tasks().get(0).origin());
    }

    @Test
    void lastSentenceWithoutTrailingBlankLineIsRead() throws IOException {
        Path file = write("Warfarin\tB-Chemical\n\nHeparin\tB-Chemical");
        assertEquals(2, Fixtures.read(CorpusFormat.CONLL, file, ENTITIES).tasks().size());
        assertFalse(Fixtures.read(CorpusFormat.CONLL, write(""), ENTITIES).tasks().iterator().hasNext());
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("corpus.conll"), content);
    }
}
