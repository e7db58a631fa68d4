package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.generator.GenerationBackend;
import static org.bioinstruct.generator.synthetic.Text.article;
import static org.bioinstruct.generator.synthetic.Text.capitalize;

import java.util.List;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.bioinstruct.schemas.avro.Category;

/** Text generation: summaries, plain-language rewrites, explanations and patient instructions. */
final class GenTemplates {
    private GenTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(
                gen(GenTemplates::summarizeNote),
                gen(GenTemplates::plainLanguage),
                gen(p -> {
                    LabTest t = p.one(Lexicon.LAB_TESTS);
                    return task("Write a short explanation of what the " + t.shortName() + " test measures.", "",
                            "The " + t.shortName() + " (" + t.fullName() + ") test measures " + t.measures()
                                    + ". It is used to " + t.purpose() + ".");
                }),
                gen(p -> {
                    Gene g = p.one(Lexicon.GENES);
                    return task("Explain the clinical relevance of the " + g.symbol() + " gene in one sentence.", "",
                            "The " + g.symbol() + " gene (" + g.fullName() + ") lies on chromosome " + g.chromosome()
                                    + ", and pathogenic variants in it cause " + g.disease() + ".");
                }),
                gen(p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    return task("Generate a patient education sentence about " + d.name() + ".", "",
                            capitalize(d.name()) + " is " + article(d.drugClass()) + " that your doctor may prescribe for "
                                    + d.indication() + "; take it exactly as prescribed.");
                }),
                gen(p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    return task("Write a brief discharge instruction for a patient starting " + d.name() + ".", "",
                            "You are starting " + d.name() + ", " + article(d.drugClass()) + ", for " + d.indication()
                                    + ". Take it as prescribed and report any side effects to your care team.");
                }),
                gen(GenTemplates::paraphraseGeneStatement));
    }

    private static CandidateTask summarizeNote(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        int age = p.between(21, 90);
        boolean woman = p.chance(0.5);
        int systolic = p.between(105, 165);
        int diastolic = p.between(60, 100);
        String person = woman ? "woman" : "man";
        String pronoun = woman ? "She" : "He";
        String note = "The patient is a " + age + "-year-old " + person + " being treated for " + d.indication() + ". "
                + pronoun + " takes " + d.name() + " daily and reports no side effects. Blood pressure today is "
                + systolic + "/" + diastolic + " mmHg.";
        String summary = "A " + age + "-year-old " + person + " treated with " + d.name() + " for " + d.indication()
                + " reports no side effects; blood pressure is " + systolic + "/" + diastolic + " mmHg.";
        return task(p.one(List.of(
                "Summarize the following patient note in one sentence.",
                "Write a one-sentence summary of the following clinical note.")), note, summary);
    }

    private static CandidateTask plainLanguage(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        String sentence = capitalize(d.name()) + ", " + article(d.drugClass()) + ", is indicated for "
                + d.indication() + ".";
        String plain = capitalize(d.name()) + " is a medicine used for " + d.indication()
                + ". It belongs to the group of medicines called " + d.drugClass() + "s.";
        return task("Rewrite the following sentence in plain language for a patient.", sentence, plain);
    }

    private static CandidateTask paraphraseGeneStatement(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        String statement = capitalize(g.disease()) + " is caused by pathogenic variants in the " + g.symbol() + " gene.";
        String paraphrase = "Pathogenic variants in the " + g.symbol() + " gene cause " + g.disease() + ".";
        return task("Paraphrase the following statement about a genetic disorder.", statement, paraphrase);
    }

    private static TaskTemplate gen(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.GEN, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.GEN);
    }
}
