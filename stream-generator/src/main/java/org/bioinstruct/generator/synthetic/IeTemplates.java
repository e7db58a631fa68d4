package org.bioinstruct.generator.synthetic;

import static org.bioinstruct.generator.synthetic.Text.capitalize;
import static org.bioinstruct.generator.synthetic.Text.commaList;
import static org.bioinstruct.generator.synthetic.Text.series;

import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.synthetic.Clinic.Patient;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.bioinstruct.schemas.avro.Category;

/** Information extraction: entity mentions and relations from notes and abstracts, in order of appearance. */
final class IeTemplates {
    static final List<String> DRUGS = List.of(
            "Extract the drug names from the following clinical note.",
            "Extract all medication names mentioned in the following text.",
            "Identify all drugs mentioned in the following clinical note.",
            "List every medicine named in this note, in order of appearance.",
            "Which medications appear in the note below? Give their names only.",
            "Pull the drug names out of the following record, comma-separated.",
            "Find each pharmaceutical agent mentioned in the text and list them.");
    static final List<String> GENES = List.of(
            "Identify all gene symbols mentioned in the following abstract.",
            "Extract the gene symbols from the following passage.",
            "List the genes named in this abstract, in the order they appear.",
            "Which genes does the following study text mention?",
            "Find every HGNC gene symbol in the passage below.",
            "Return the gene symbols found in this research summary, comma-separated.");
    static final List<String> LABS = List.of(
            "List the laboratory tests mentioned in the following report.",
            "Extract the names of the lab tests from this report.",
            "Which laboratory tests were reported below? Names only, in order.",
            "Identify each blood test named in the following results.",
            "Find all laboratory analytes in the text and list them.",
            "Name the tests that appear in this laboratory summary.");
    static final List<String> LAB_VALUES = List.of(
            "Extract each laboratory test and its value from the following report.",
            "List every lab result below as test: value with unit.",
            "Turn the results in this note into test: value pairs.",
            "Pull out the laboratory values, keeping their units.",
            "Structure the lab results below as name-value pairs.",
            "Which tests were measured and what were the results? Give test: value pairs.");
    static final List<String> DISEASES = List.of(
            "Extract the disease names mentioned in the following text.",
            "List the genetic disorders named in this abstract.",
            "Identify every disease mentioned in the passage below, in order.",
            "Which conditions does the following study text name?",
            "Find the names of the inherited disorders in this abstract.",
            "Return the diseases mentioned below as a comma-separated list.");
    static final List<String> DRUG_INDICATION = List.of(
            "Extract each drug and the condition it was prescribed for from the following note.",
            "For every medication in the text, give the condition it treats as drug: condition.",
            "Pair each drug in the note with its indication.",
            "List drug-indication pairs mentioned below.",
            "Identify which condition each medicine in this record was prescribed for.",
            "Link every drug in the following text to the disease it is meant to treat.");
    static final List<String> GENE_DISEASE = List.of(
            "Identify the gene and the disease linked in the following passage.",
            "Extract the gene-disease relation from this abstract.",
            "Which gene and which disorder are associated in the text below?",
            "Find the gene-disease pair reported in the following study.",
            "From this abstract, extract the gene and the condition it causes.",
            "Return the gene and disease that the passage links, as gene: X; disease: Y.");

    private IeTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(ie(IeTemplates::drugMentions), ie(IeTemplates::geneMentions), ie(IeTemplates::labTestMentions),
                ie(IeTemplates::diseaseMentions), ie(IeTemplates::drugIndicationPairs),
                ie(IeTemplates::geneDiseasePair), ie(IeTemplates::labValues));
    }

    static CandidateTask drugMentions(Pick p) {
        List<Drug> drugs = p.distinct(Lexicon.DRUGS, p.between(2, 4));
        Patient pt = Patient.random(p);
        List<String> sentences = new ArrayList<>();
        if (p.chance(0.5)) {
            List<String> doses = drugs.stream().map(d -> d.name() + " " + p.one(d.regimens())).toList();
            sentences.add(p.one(List.of("Current medications: ", "Discharge medications: ",
                    "Medication reconciliation listed ")) + String.join("; ", doses) + ".");
        } else {
            drugs.forEach(d -> sentences.add(Clinic.medication(p, pt, d)));
        }
        return task(p.one(DRUGS), Clinic.note(p, pt, sentences), commaList(drugs.stream().map(Drug::name).toList()));
    }

    static CandidateTask geneMentions(Pick p) {
        List<String> symbols = p.distinct(Lexicon.GENES, p.between(2, 4)).stream().map(Gene::symbol).toList();
        String finding = p.one(List.of(
                "Targeted sequencing of " + series(symbols) + " was performed in all probands.",
                "Pathogenic variants were found in " + series(symbols) + " across the cohort.",
                "We assessed the expression of " + series(symbols) + " in patient-derived cells.",
                "Copy-number changes involving " + series(symbols) + " were detected in " + p.between(2, 40)
                        + " samples."));
        return task(p.one(GENES), Studies.passage(p, finding), commaList(symbols));
    }

    static CandidateTask labTestMentions(Pick p) {
        List<LabTest> tests = p.distinct(Lexicon.LAB_TESTS, p.between(3, 5));
        return task(p.one(LABS), labReport(p, tests), commaList(tests.stream().map(LabTest::shortName).toList()));
    }

    static CandidateTask labValues(Pick p) {
        List<LabTest> tests = p.distinct(Lexicon.LAB_TESTS, p.between(2, 4));
        List<Double> values = tests.stream().map(t -> Clinic.labValue(p, t)).toList();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            pairs.add(tests.get(i).shortName() + ": " + tests.get(i).withUnit(values.get(i)));
        }
        return task(p.one(LAB_VALUES), labReport(p, tests, values), String.join("; ", pairs));
    }

    private static String labReport(Pick p, List<LabTest> tests) {
        return labReport(p, tests, tests.stream().map(t -> Clinic.labValue(p, t)).toList());
    }

    /** The tests with their values in one of several report styles, after a patient line. */
    static String labReport(Pick p, List<LabTest> tests, List<Double> values) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            LabTest t = tests.get(i);
            String value = t.withUnit(values.get(i));
            items.add(switch (p.between(0, 2)) {
                case 0 -> t.shortName() + " " + value;
                case 1 -> t.shortName() + " " + value + " (" + t.interpret(values.get(i)) + ")";
                default -> t.shortName() + " of " + value;
            });
        }
        Patient pt = Patient.random(p);
        String header = p.one(List.of("Results for a " + pt.age() + "-year-old " + pt.sex() + " from the "
                        + pt.setting() + ":", "Specimen collected at " + p.between(6, 22) + ":" + p.between(10, 59)
                        + " on day " + p.between(1, 12) + ".", Clinic.intro(p, pt) + " Labs:"));
        return header + " " + String.join(p.one(List.of(", ", "; ")), items) + ". "
                + p.one(List.of("", Clinic.plan(p, pt), Clinic.complaint(p, pt))).trim();
    }

    static CandidateTask diseaseMentions(Pick p) {
        List<String> diseases = p.distinct(Lexicon.GENES, p.between(2, 3)).stream().map(Gene::disease).toList();
        String text = p.one(List.of(
                "The registry enrolls patients with " + series(diseases) + ".",
                "Genetic counseling was offered to families affected by " + series(diseases) + ".",
                "Newborn and cascade screening covered " + series(diseases) + ".",
                "Referrals for " + series(diseases) + " rose by " + Studies.percent(p) + " over the period."));
        return task(p.one(DISEASES), Studies.passage(p, text), commaList(diseases));
    }

    static CandidateTask drugIndicationPairs(Pick p) {
        List<Drug> drugs = QaTemplates.distinctClasses(p, p.between(2, 3));
        Patient pt = Patient.random(p);
        List<String> sentences = new ArrayList<>();
        for (Drug d : drugs) {
            sentences.add(p.one(List.of(
                    capitalize(d.name()) + " " + p.one(d.regimens()) + " was prescribed for " + d.indication() + ".",
                    "For " + d.indication() + " " + pt.pronoun().toLowerCase(java.util.Locale.ROOT) + " takes "
                            + d.name() + ".",
                    capitalize(d.name()) + " was continued for " + d.indication() + ".")));
        }
        List<String> pairs = drugs.stream().map(d -> d.name() + ": " + d.indication()).toList();
        return task(p.one(DRUG_INDICATION), Clinic.note(p, pt, sentences), String.join("; ", pairs));
    }

    static CandidateTask geneDiseasePair(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        String sentence = p.one(List.of(
                "Pathogenic variants in " + g.symbol() + " cause " + g.disease() + ".",
                capitalize(g.disease()) + " results from pathogenic variants in the " + g.symbol() + " gene.",
                "Genetic testing confirmed a " + g.symbol() + " variant consistent with " + g.disease() + ".",
                "All " + p.between(3, 90) + " probands with " + g.disease() + " carried causal variants in "
                        + g.symbol() + ".",
                "The variant " + Studies.variant(p) + " in " + g.symbol() + " was classified as pathogenic for "
                        + g.disease() + "."));
        return task(p.one(GENE_DISEASE), Studies.passage(p, sentence),
                "gene: " + g.symbol() + "; disease: " + g.disease());
    }

    private static TaskTemplate ie(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.IE, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.IE);
    }
}
