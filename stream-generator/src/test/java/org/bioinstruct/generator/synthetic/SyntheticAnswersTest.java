package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.generator.GenerationBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.junit.jupiter.api.Test;

/** The synthetic tasks' outputs are the true answers according to the lexicon. */
class SyntheticAnswersTest {
    private static final List<CandidateTask> TASKS = new SyntheticBackend(42).nextBatch(3000).stream()
            .filter(t -> !SelfInstructRules.breaksARule(t)).toList();

    @Test
    void drugClassQuestionsAnswerTheDrugsClass() {
        Pattern question = Pattern.compile("Which drug class does (.+) belong to\\?");
        List<CandidateTask> asked = matching(question);
        for (CandidateTask task : asked) {
            Matcher m = question.matcher(task.instruction());
            assertTrue(m.matches());
            assertEquals(Lexicon.drug(m.group(1)).orElseThrow().drugClass(), task.output());
        }
        assertTrue(asked.size() >= 5, "sample too small: " + asked.size());
    }

    @Test
    void metforminIsABiguanide() {
        assertEquals("biguanide", Lexicon.drug("metformin").orElseThrow().drugClass());
    }

    @Test
    void multipleChoiceAnswerIsTheOnlyOptionOfTheAskedClass() {
        Pattern question = Pattern.compile("Which of the following drugs is an? (.+)\\? Answer with the letter.*");
        List<CandidateTask> asked = matching(question);
        for (CandidateTask task : asked) {
            Matcher m = question.matcher(task.instruction());
            assertTrue(m.matches());
            String drugClass = m.group(1);
            List<String> options = Arrays.asList(task.input().split("\n"));
            List<String> correct = options.stream()
                    .filter(o -> Lexicon.drug(o.substring(3)).orElseThrow().drugClass().equals(drugClass)).toList();
            assertEquals(List.of(task.output()), correct, task.toString());
        }
        assertTrue(asked.size() >= 5, "sample too small: " + asked.size());
    }

    @Test
    void chromosomeQuestionsNameTheGenesChromosome() {
        Pattern question = Pattern.compile("On which chromosome is the (\\w+) gene located\\?");
        List<CandidateTask> asked = matching(question);
        for (CandidateTask task : asked) {
            Matcher m = question.matcher(task.instruction());
            assertTrue(m.matches());
            assertEquals("chromosome " + Lexicon.gene(m.group(1)).orElseThrow().chromosome(), task.output());
        }
        assertTrue(asked.size() >= 5, "sample too small: " + asked.size());
    }

    @Test
    void drugExtractionListsExactlyTheDrugsInTheNoteInOrder() {
        List<CandidateTask> asked = TASKS.stream().filter(t -> t.instruction().startsWith("Extract the drug names")
                || t.instruction().startsWith("Extract all medication names")
                || t.instruction().startsWith("Identify all drugs")).toList();
        for (CandidateTask task : asked) {
            List<String> inNote = Lexicon.DRUGS.stream().map(Drug::name).filter(task.input()::contains)
                    .sorted((a, b) -> task.input().indexOf(a) - task.input().indexOf(b)).toList();
            assertEquals(String.join(", ", inNote), task.output(), task.toString());
        }
        assertTrue(asked.size() >= 5, "sample too small: " + asked.size());
    }

    @Test
    void geneDiseaseLinkMatchesTheLexicon() {
        Pattern answer = Pattern.compile("gene: (\\w+); disease: (.+)");
        List<CandidateTask> asked = matching(Pattern.compile("Identify the gene and the disease linked.*"));
        for (CandidateTask task : asked) {
            Matcher m = answer.matcher(task.output());
            assertTrue(m.matches(), task.output());
            Gene gene = Lexicon.gene(m.group(1)).orElseThrow();
            assertEquals(gene.disease(), m.group(2));
            assertTrue(task.input().contains(gene.symbol()) && task.input().toLowerCase(Locale.ROOT)
                    .contains(gene.disease().toLowerCase(Locale.ROOT)));
        }
        assertTrue(asked.size() >= 5, "sample too small: " + asked.size());
    }

    @Test
    void glucoseConversionDividesByEighteenPointZeroOneSix() {
        List<CandidateTask> asked = matching(Pattern.compile("Convert the following blood glucose value.*"));
        for (CandidateTask task : asked) {
            double mgDl = Double.parseDouble(task.input().replace(" mg/dL", ""));
            double mmolL = Double.parseDouble(task.output().replace(" mmol/L", ""));
            assertEquals(mgDl / 18.016, mmolL, 0.05, task.toString());
        }
        assertTrue(asked.size() >= 3, "sample too small: " + asked.size());
    }

    @Test
    void sortedDrugListIsAlphabetical() {
        List<CandidateTask> asked = matching(Pattern.compile("Sort the following drug names alphabetically\\."));
        for (CandidateTask task : asked) {
            List<String> given = Arrays.asList(task.input().split(", "));
            assertEquals(given.stream().sorted().toList(), Arrays.asList(task.output().split(", ")));
        }
        assertTrue(asked.size() >= 3, "sample too small: " + asked.size());
    }

    private static List<CandidateTask> matching(Pattern instruction) {
        Predicate<CandidateTask> matches = t -> instruction.matcher(t.instruction()).matches();
        return TASKS.stream().filter(matches).toList();
    }
}
