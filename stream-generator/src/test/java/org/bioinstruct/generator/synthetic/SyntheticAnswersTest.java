package org.bioinstruct.generator.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.junit.jupiter.api.Test;

/** Every template's output is the true answer according to the lexicon, whatever the phrasing and context. */
class SyntheticAnswersTest {
    private static final int SAMPLES = 300;

    @Test
    void metforminIsABiguanide() {
        assertEquals("biguanide", Lexicon.drug("metformin").orElseThrow().drugClass());
    }

    @Test
    void drugClassQuestionsAnswerTheNamedDrugsClass() {
        for (CandidateTask task : sample(QaTemplates::drugClass)) {
            Drug d = Lexicon.drug(only(drugsIn(task.instruction() + " " + task.input()))).orElseThrow();
            assertTrue(task.output().equals(d.drugClass()) || task.output().endsWith(
                    " is " + Text.article(d.drugClass()) + "."), task.toString());
        }
    }

    @Test
    void indicationQuestionsAnswerTheNamedDrugsIndication() {
        for (CandidateTask task : sample(QaTemplates::drugIndication)) {
            Drug d = Lexicon.drug(only(drugsIn(task.instruction() + " " + task.input()))).orElseThrow();
            assertTrue(task.output().equals(d.indication()) || task.output().endsWith(
                    " is commonly prescribed for " + d.indication() + "."), task.toString());
        }
    }

    @Test
    void multipleChoiceAnswerIsTheOnlyOptionOfTheAskedClass() {
        for (CandidateTask task : sample(QaTemplates::drugClassChoice)) {
            List<String> correct = Arrays.stream(task.input().split("\n")).filter(l -> l.matches("[A-D]\\. .+"))
                    .filter(o -> task.instruction().contains(Lexicon.drug(o.substring(3)).orElseThrow().drugClass()))
                    .toList();
            assertEquals(List.of(task.output()), correct, task.toString());
        }
    }

    @Test
    void yesNoAnswersWhetherTheDrugHasTheNamedClass() {
        for (CandidateTask task : sample(QaTemplates::drugClassYesNo)) {
            Drug d = Lexicon.drug(only(mentioned(drugNames(), task.instruction()))).orElseThrow();
            assertEquals(task.instruction().contains(" " + d.drugClass()) ? "Yes" : "No", task.output(), task.toString());
        }
    }

    @Test
    void discontinuedDrugIsTheOneTheNoteSaysWasDiscontinued() {
        for (CandidateTask task : sample(QaTemplates::discontinuedDrug)) {
            assertTrue(task.input().contains(Text.capitalize(task.output()) + " was discontinued"), task.toString());
        }
    }

    @Test
    void geneQuestionsAnswerFromTheNamedGene() {
        for (CandidateTask task : sample(QaTemplates::geneChromosome)) {
            Gene g = Lexicon.gene(only(mentioned(geneSymbols(), task.instruction()))).orElseThrow();
            assertEquals("chromosome " + g.chromosome(), task.output());
        }
        for (CandidateTask task : sample(QaTemplates::geneFullName)) {
            assertEquals(Lexicon.gene(only(mentioned(geneSymbols(), task.instruction()))).orElseThrow().fullName(),
                    task.output());
        }
        for (CandidateTask task : sample(QaTemplates::geneForDisease)) {
            Gene g = Lexicon.gene(task.output()).orElseThrow();
            assertTrue(task.instruction().contains(g.disease()) && task.input().contains(g.disease()), task.toString());
        }
    }

    @Test
    void labQuestionsAnswerFromTheNamedTest() {
        for (CandidateTask task : sample(QaTemplates::labMeasures)) {
            LabTest t = Lexicon.labTest(only(mentioned(labNames(), task.instruction()))).orElseThrow();
            assertEquals(t.measures(), task.output());
        }
        for (CandidateTask task : sample(QaTemplates::labForPurpose)) {
            assertTrue(task.instruction().contains(Lexicon.labTest(task.output()).orElseThrow().purpose()));
        }
    }

    @Test
    void labInterpretationComparesTheValueWithItsReferenceRange() {
        Pattern result = Pattern.compile("Result: (.+?) ([0-9.]+)[^(]*\\(reference ");
        for (CandidateTask task : sample(QaTemplates::labInterpretation)) {
            Matcher m = result.matcher(task.input());
            assertTrue(m.find(), task.input());
            LabTest t = Lexicon.labTest(m.group(1)).orElseThrow();
            double value = Double.parseDouble(m.group(2));
            String expected = value < t.low() ? "Low" : value > t.high() ? "High" : "Normal";
            assertTrue(task.output().startsWith(expected + ": "), task.toString());
        }
    }

    @Test
    void mentionExtractionListsExactlyTheEntitiesInTheTextInOrder() {
        for (CandidateTask task : sample(IeTemplates::drugMentions)) {
            assertEquals(String.join(", ", drugsIn(task.input())), task.output(), task.toString());
        }
        for (CandidateTask task : sample(IeTemplates::geneMentions)) {
            assertEquals(String.join(", ", mentioned(geneSymbols(), task.input())), task.output(), task.toString());
        }
        for (CandidateTask task : sample(IeTemplates::labTestMentions)) {
            assertEquals(String.join(", ", mentioned(labNames(), task.input())), task.output(), task.toString());
        }
        List<String> diseases = Lexicon.GENES.stream().map(g -> g.disease().toLowerCase(Locale.ROOT)).toList();
        for (CandidateTask task : sample(IeTemplates::diseaseMentions)) {
            assertEquals(String.join(", ", mentioned(diseases, task.input().toLowerCase(Locale.ROOT))),
                    task.output().toLowerCase(Locale.ROOT), task.toString());
        }
    }

    @Test
    void labValuesAreThoseInTheReport() {
        for (CandidateTask task : sample(IeTemplates::labValues)) {
            List<String> pairs = Arrays.asList(task.output().split("; "));
            assertEquals(mentioned(labNames(), task.input()), pairs.stream().map(s -> s.split(": ")[0]).toList());
            for (String pair : pairs) {
                String[] parts = pair.split(": ");
                assertTrue(task.input().contains(parts[0] + " " + parts[1]) || task.input().contains(
                        parts[0] + " of " + parts[1]), pair + " in " + task.input());
            }
        }
    }

    @Test
    void relationExtractionPairsAreTrue() {
        for (CandidateTask task : sample(IeTemplates::drugIndicationPairs)) {
            List<String> names = new ArrayList<>();
            for (String pair : task.output().split("; ")) {
                String[] parts = pair.split(": ");
                assertEquals(Lexicon.drug(parts[0]).orElseThrow().indication(), parts[1]);
                names.add(parts[0]);
            }
            assertEquals(drugsIn(task.input()), names);
        }
        Pattern answer = Pattern.compile("gene: (\\w+); disease: (.+)");
        for (CandidateTask task : sample(IeTemplates::geneDiseasePair)) {
            Matcher m = answer.matcher(task.output());
            assertTrue(m.matches(), task.output());
            Gene gene = Lexicon.gene(m.group(1)).orElseThrow();
            assertEquals(gene.disease(), m.group(2));
            assertEquals(List.of(gene.symbol()), mentioned(geneSymbols(), task.input()));
        }
    }

    @Test
    void conversionsUseTheRightFactors() {
        checkConversions(OtherTemplates::glucose, "mg/dL", "mmol/L", v -> v / 18.016);
        checkConversions(OtherTemplates::weight, "lb", "kg", v -> v * 0.45359237);
        checkConversions(OtherTemplates::temperature, "°F", "°C", v -> (v - 32) * 5 / 9);
    }

    private static void checkConversions(Function<Pick, CandidateTask> template, String from, String to,
                                         Function<Double, Double> convert) {
        Pattern reading = Pattern.compile("([A-Za-z0-9 ]+): ([0-9.]+) ");
        for (CandidateTask task : sample(template)) {
            Matcher in = reading.matcher(task.input().replace(from, " "));
            Matcher out = reading.matcher(task.output().replace(to, " "));
            int readings = 0;
            while (in.find()) {
                assertTrue(out.find(), task.toString());
                assertEquals(in.group(1).trim(), out.group(1).trim());
                assertEquals(convert.apply(Double.parseDouble(in.group(2))), Double.parseDouble(out.group(2)), 0.051);
                readings++;
            }
            assertTrue(readings >= 2, task.toString());
        }
    }

    @Test
    void sortedDrugListsFollowTheAskedOrder() {
        for (CandidateTask task : sample(OtherTemplates::sortDrugs)) {
            boolean descending = Stream.of("reverse", "Z to A", "descending").anyMatch(task.instruction()::contains);
            Comparator<String> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
            List<String> given = Arrays.asList(task.input().split(", "));
            assertEquals(given.stream().sorted(order).toList(), Arrays.asList(task.output().split(", ")));
        }
    }

    @Test
    void countsExpansionsAndBodyMassIndexAreCorrect() {
        for (CandidateTask task : sample(OtherTemplates::countDistinctDrugs)) {
            assertEquals(String.valueOf(drugsIn(task.input()).stream().distinct().count()), task.output());
        }
        for (CandidateTask task : sample(OtherTemplates::expandGeneSymbols)) {
            List<String> symbols = new ArrayList<>();
            for (String pair : task.output().split("; ")) {
                String[] parts = pair.split(": ");
                assertEquals(Lexicon.gene(parts[0]).orElseThrow().fullName(), parts[1]);
                symbols.add(parts[0]);
            }
            assertEquals(mentioned(geneSymbols(), task.input()), symbols);
        }
        Pattern kg = Pattern.compile("(\\d+) kg");
        Pattern cm = Pattern.compile("(\\d+) cm");
        for (CandidateTask task : sample(OtherTemplates::bodyMassIndex)) {
            Matcher w = kg.matcher(task.input());
            Matcher h = cm.matcher(task.input());
            assertTrue(w.find() && h.find(), task.input());
            double bmi = Double.parseDouble(w.group(1)) / Math.pow(Double.parseDouble(h.group(1)) / 100, 2);
            assertTrue(task.output().startsWith(String.format(Locale.ROOT, "BMI %.1f kg/m2", bmi)), task.toString());
        }
    }

    @Test
    void entityClassificationLabelsMatchTheEntityInEachSentence() {
        for (CandidateTask task : sample(OtherTemplates::classifyEntitySentences)) {
            String[] sentences = task.input().split("\n");
            String[] labels = task.output().split("\n");
            assertEquals(sentences.length, labels.length);
            for (int i = 0; i < sentences.length; i++) {
                String expected = !drugsIn(sentences[i]).isEmpty() ? "drug"
                        : !mentioned(geneSymbols(), sentences[i]).isEmpty() ? "gene" : "laboratory test";
                assertEquals((i + 1) + ") " + expected, labels[i], sentences[i]);
            }
        }
    }

    @Test
    void explanationsStateTheLexiconFacts() {
        for (CandidateTask task : sample(GenTemplates::explainGeneFinding)) {
            Gene g = Lexicon.gene(only(mentioned(geneSymbols(), task.input()))).orElseThrow();
            assertTrue(task.output().contains("chromosome " + g.chromosome() + ", and pathogenic variants in it cause "
                    + g.disease()), task.toString());
        }
        for (CandidateTask task : sample(GenTemplates::explainLabResult)) {
            assertTrue(task.output().contains(" test measures "), task.output());
        }
        for (CandidateTask task : sample(GenTemplates::plainLanguage)) {
            Drug d = Lexicon.drug(drugsIn(task.input()).get(0)).orElseThrow();
            assertTrue(task.output().contains("medicines called " + GenTemplates.plural(d.drugClass())));
        }
    }

    @Test
    void contextVocabularyNamesNoLexiconEntity() {
        List<String> context = Stream.of(Clinic.SETTINGS, Clinic.HISTORY, Clinic.SYMPTOMS, Clinic.ADVICE,
                Clinic.SPECIALTIES, Clinic.LAY_HISTORY, Clinic.LAY_SYMPTOMS, Clinic.LAY_ASIDES, Studies.DESIGNS,
                Studies.METHODS, Studies.COUNTRIES).flatMap(List::stream).toList();
        List<String> entities = Stream.of(drugNames(), geneSymbols(), labNames(),
                Lexicon.GENES.stream().map(Gene::disease).toList()).flatMap(List::stream).toList();
        for (String phrase : context) {
            assertEquals(List.of(), mentioned(entities, phrase), phrase);
        }
    }

    private static List<CandidateTask> sample(Function<Pick, CandidateTask> template) {
        Pick pick = new Pick(11);
        return Stream.generate(() -> template.apply(pick)).limit(SAMPLES).toList();
    }

    /** The names that occur in the text as whole words, in order of first occurrence. */
    static List<String> mentioned(List<String> names, String text) {
        record Hit(int at, String name) {
        }
        List<Hit> hits = new ArrayList<>();
        for (String name : names) {
            Matcher m = Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(name) + "(?![A-Za-z0-9-])").matcher(text);
            while (m.find()) {
                hits.add(new Hit(m.start(), name));
            }
        }
        return hits.stream().sorted(Comparator.comparingInt(Hit::at)).map(Hit::name).toList();
    }

    /** Drug names are lowercase in the lexicon but capitalized at the start of a sentence. */
    private static List<String> drugsIn(String text) {
        return mentioned(drugNames(), text.toLowerCase(Locale.ROOT));
    }

    private static String only(List<String> names) {
        List<String> distinct = names.stream().distinct().toList();
        assertEquals(1, distinct.size(), names.toString());
        return distinct.get(0);
    }

    private static List<String> drugNames() {
        return Lexicon.DRUGS.stream().map(Drug::name).toList();
    }

    private static List<String> geneSymbols() {
        return Lexicon.GENES.stream().map(Gene::symbol).toList();
    }

    private static List<String> labNames() {
        return Lexicon.LAB_TESTS.stream().map(LabTest::shortName).toList();
    }
}
