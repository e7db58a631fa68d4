package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.generator.GenerationBackend;
import static org.bioinstruct.generator.synthetic.Text.capitalize;
import static org.bioinstruct.generator.synthetic.Text.commaList;
import static org.bioinstruct.generator.synthetic.Text.series;

import java.util.List;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.bioinstruct.schemas.avro.Category;

/** Information extraction: entity mentions and relations from a short text, listed in order of appearance. */
final class IeTemplates {
    private IeTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(
                ie(IeTemplates::drugMentions),
                ie(IeTemplates::geneMentions),
                ie(IeTemplates::labTestMentions),
                ie(IeTemplates::diseaseMentions),
                ie(IeTemplates::drugIndicationPairs),
                ie(IeTemplates::geneDiseasePair));
    }

    private static CandidateTask drugMentions(Pick p) {
        List<String> names = p.distinct(Lexicon.DRUGS, p.between(2, 4)).stream().map(Drug::name).toList();
        String note = p.one(List.of(
                "The patient's current medications are " + series(names) + ".",
                "On discharge the patient was prescribed " + series(names) + ", with follow-up in two weeks.",
                "Medication reconciliation at admission listed " + series(names) + "."));
        return task(p.one(List.of(
                "Extract the drug names from the following clinical note.",
                "Extract all medication names mentioned in the following text.",
                "Identify all drugs mentioned in the following clinical note.")), note, commaList(names));
    }

    private static CandidateTask geneMentions(Pick p) {
        List<String> symbols = p.distinct(Lexicon.GENES, p.between(2, 3)).stream().map(Gene::symbol).toList();
        String abstractText = p.one(List.of(
                "Targeted sequencing of " + series(symbols) + " was performed in all probands.",
                "Pathogenic variants were found in " + series(symbols) + " across the cohort.",
                "We assessed the expression of " + series(symbols) + " in patient-derived cells."));
        return task(p.one(List.of(
                "Identify all gene symbols mentioned in the following abstract.",
                "Extract the gene symbols from the following sentence.")), abstractText, commaList(symbols));
    }

    private static CandidateTask labTestMentions(Pick p) {
        List<String> tests = p.distinct(Lexicon.LAB_TESTS, 3).stream().map(LabTest::shortName).toList();
        String report = "Results: " + tests.get(0) + " elevated, " + tests.get(1) + " within normal limits, "
                + tests.get(2) + " pending.";
        return task("List the laboratory tests mentioned in the following report.", report, commaList(tests));
    }

    private static CandidateTask diseaseMentions(Pick p) {
        List<String> diseases = p.distinct(Lexicon.GENES, p.between(2, 3)).stream().map(Gene::disease).toList();
        String text = p.one(List.of(
                "The registry enrolls patients with " + series(diseases) + ".",
                "Genetic counseling is offered to families affected by " + series(diseases) + "."));
        return task("Extract the disease names mentioned in the following text.", text, commaList(diseases));
    }

    private static CandidateTask drugIndicationPairs(Pick p) {
        List<Drug> drugs = p.distinct(Lexicon.DRUGS, 2);
        Drug a = drugs.get(0);
        Drug b = drugs.get(1);
        String sentence = capitalize(a.name()) + " was prescribed for " + a.indication() + ", and " + b.name()
                + " was prescribed for " + b.indication() + ".";
        return task("Extract each drug and the condition it was prescribed for from the following sentence.",
                sentence, a.name() + ": " + a.indication() + "; " + b.name() + ": " + b.indication());
    }

    private static CandidateTask geneDiseasePair(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        String sentence = p.one(List.of(
                "Pathogenic variants in " + g.symbol() + " cause " + g.disease() + ".",
                capitalize(g.disease()) + " results from pathogenic variants in the " + g.symbol() + " gene.",
                "Genetic testing confirmed a " + g.symbol() + " variant consistent with " + g.disease() + "."));
        return task("Identify the gene and the disease linked in the following sentence.", sentence,
                "gene: " + g.symbol() + "; disease: " + g.disease());
    }

    private static TaskTemplate ie(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.IE, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.IE);
    }
}
