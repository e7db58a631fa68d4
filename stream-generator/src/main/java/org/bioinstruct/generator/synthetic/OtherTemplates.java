package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.generator.GenerationBackend;
import static org.bioinstruct.generator.synthetic.Text.commaList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.schemas.avro.Category;

/** Other tasks: classification, unit conversion, sorting, expansion and counting. */
final class OtherTemplates {
    /** Molar mass of glucose / 10: mg/dL to mmol/L. */
    static final double GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
    static final double KG_PER_LB = 0.45359237;

    private OtherTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(
                other(OtherTemplates::classifyEntitySentence),
                other(p -> {
                    int mgDl = p.between(60, 400);
                    return task("Convert the following blood glucose value from mg/dL to mmol/L.", mgDl + " mg/dL",
                            String.format(Locale.ROOT, "%.1f mmol/L", mgDl / GLUCOSE_MG_DL_PER_MMOL_L));
                }),
                other(p -> {
                    int lb = p.between(90, 320);
                    return task("Convert the following body weight from pounds to kilograms.", lb + " lb",
                            String.format(Locale.ROOT, "%.1f kg", lb * KG_PER_LB));
                }),
                other(p -> {
                    double fahrenheit = p.between(960, 1040) / 10.0;
                    return task("Convert the following body temperature from Fahrenheit to Celsius.",
                            String.format(Locale.ROOT, "%.1f °F", fahrenheit),
                            String.format(Locale.ROOT, "%.1f °C", (fahrenheit - 32) * 5 / 9));
                }),
                other(p -> {
                    List<String> names = p.distinct(Lexicon.DRUGS, 4).stream().map(Drug::name).toList();
                    return task("Sort the following drug names alphabetically.", commaList(names),
                            commaList(names.stream().sorted().toList()));
                }),
                other(p -> {
                    Gene g = p.one(Lexicon.GENES);
                    return task("Expand the following gene symbol into its full gene name.", g.symbol(), g.fullName());
                }),
                other(OtherTemplates::countDistinctDrugs));
    }

    private static CandidateTask classifyEntitySentence(Pick p) {
        int kind = p.between(0, 2);
        String sentence = switch (kind) {
            case 0 -> {
                Drug d = p.one(Lexicon.DRUGS);
                yield Text.capitalize(d.name()) + " is " + Text.article(d.drugClass()) + ".";
            }
            case 1 -> {
                Gene g = p.one(Lexicon.GENES);
                yield "The " + g.symbol() + " gene is located on chromosome " + g.chromosome() + ".";
            }
            default -> {
                Lexicon.LabTest t = p.one(Lexicon.LAB_TESTS);
                yield "The " + t.fullName() + " level reflects " + t.measures() + ".";
            }
        };
        String label = List.of("drug", "gene", "laboratory test").get(kind);
        return task("Classify the following sentence as describing a drug, a gene, or a laboratory test.",
                sentence, label);
    }

    private static CandidateTask countDistinctDrugs(Pick p) {
        List<String> distinct = p.distinct(Lexicon.DRUGS, p.between(2, 5)).stream().map(Drug::name).toList();
        List<String> mentions = new ArrayList<>(distinct);
        mentions.add(p.one(distinct));
        List<String> shuffled = p.distinct(mentions, mentions.size());
        return task("Count how many different drugs appear in the following list.", commaList(shuffled),
                String.valueOf(distinct.size()));
    }

    private static TaskTemplate other(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.OTHER, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.OTHER);
    }
}
