package org.bioinstruct.generator.synthetic;

import static org.bioinstruct.generator.synthetic.Text.capitalize;

import org.bioinstruct.generator.CandidateTask;
import java.util.List;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.bioinstruct.schemas.avro.Category;

/**
 * Tasks that break one of the filter's validation rules, as a real LLM backend sometimes writes them:
 * asks for a picture, is too short, asks for a program, starts with punctuation, has no output or
 * echoes its input.
 */
final class FlawedTemplates {
    private FlawedTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(
                TaskTemplate.of(Category.GEN, p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    return new CandidateTask("Draw a diagram showing how " + d.name() + " works in the body.", "",
                            capitalize(d.name()) + " is " + Text.article(d.drugClass()) + ".", Category.GEN);
                }),
                TaskTemplate.of(Category.GEN, p -> {
                    LabTest t = p.one(Lexicon.LAB_TESTS);
                    return new CandidateTask("Plot the " + t.shortName() + " values of a typical patient over a year.",
                            "", "The " + t.shortName() + " test measures " + t.measures() + ".", Category.GEN);
                }),
                TaskTemplate.of(Category.GEN, p -> {
                    Gene g = p.one(Lexicon.GENES);
                    return new CandidateTask("Create a flowchart for the genetic work-up of " + g.disease() + ".", "",
                            "Test for pathogenic variants in " + g.symbol() + ".", Category.GEN);
                }),
                TaskTemplate.of(Category.GEN, p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    return new CandidateTask("Define " + d.name() + ".", "",
                            capitalize(d.name()) + " is " + Text.article(d.drugClass()) + ".", Category.GEN);
                }),
                TaskTemplate.of(Category.OTHER, p -> {
                    int mgDl = p.between(60, 400);
                    return new CandidateTask("Write a program that converts blood glucose of " + mgDl
                            + " mg/dL to mmol/L.", "", "def convert(mg_dl): return mg_dl / 18.016", Category.OTHER);
                }),
                TaskTemplate.of(Category.QA, p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    return new CandidateTask("- Which drug class does " + d.name() + " belong to?", "", d.drugClass(),
                            Category.QA);
                }),
                TaskTemplate.of(Category.QA, p -> {
                    Gene g = p.one(Lexicon.GENES);
                    return new CandidateTask("Which disease is caused by pathogenic variants in " + g.symbol() + "?",
                            "", "", Category.QA);
                }),
                TaskTemplate.of(Category.GEN, p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    String sentence = capitalize(d.name()) + " is used for " + d.indication() + ".";
                    return new CandidateTask("Rewrite the following sentence in plain language for a patient.",
                            sentence, sentence, Category.GEN);
                }));
    }
}
