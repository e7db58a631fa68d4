package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.generator.GenerationBackend;
import static org.bioinstruct.generator.synthetic.Text.article;

import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.bioinstruct.schemas.avro.Category;

/** Question answering: factual questions, multiple choice, yes/no and questions about a short note. */
final class QaTemplates {
    private static final List<String> LETTERS = List.of("A", "B", "C", "D");

    private QaTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(
                qa(p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    return task("Which drug class does " + d.name() + " belong to?", "", d.drugClass());
                }),
                qa(p -> {
                    Drug d = p.one(Lexicon.DRUGS);
                    return task("What is " + d.name() + " commonly prescribed for?", "", d.indication());
                }),
                qa(p -> {
                    Gene g = p.one(Lexicon.GENES);
                    return task("Which gene is mutated in " + g.disease() + "?", "", g.symbol());
                }),
                qa(p -> {
                    Gene g = p.one(Lexicon.GENES);
                    return task("On which chromosome is the " + g.symbol() + " gene located?", "",
                            "chromosome " + g.chromosome());
                }),
                qa(p -> {
                    Gene g = p.one(Lexicon.GENES);
                    return task("What does the gene symbol " + g.symbol() + " stand for?", "", g.fullName());
                }),
                qa(p -> {
                    LabTest t = p.one(Lexicon.LAB_TESTS);
                    return task("What does the " + t.shortName() + " test measure?", "", t.measures());
                }),
                qa(p -> {
                    LabTest t = p.one(Lexicon.LAB_TESTS);
                    return task("Which laboratory test is used to " + t.purpose() + "?", "", t.shortName());
                }),
                qa(QaTemplates::drugClassChoice),
                qa(QaTemplates::drugClassYesNo),
                qa(QaTemplates::discontinuedDrug));
    }

    private static CandidateTask drugClassChoice(Pick p) {
        List<Drug> options = distinctClasses(p, 4);
        Drug answer = p.one(options);
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            input.append(i == 0 ? "" : "\n").append(LETTERS.get(i)).append(". ").append(options.get(i).name());
        }
        String letter = LETTERS.get(options.indexOf(answer));
        return task("Which of the following drugs is " + article(answer.drugClass())
                + "? Answer with the letter of the correct option.", input.toString(), letter + ". " + answer.name());
    }

    private static CandidateTask drugClassYesNo(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        boolean truthful = p.chance(0.5);
        Drug classSource = truthful ? d : otherClass(p, d);
        return task("Is " + d.name() + " " + article(classSource.drugClass()) + "? Answer yes or no.", "",
                truthful ? "Yes" : "No");
    }

    private static CandidateTask discontinuedDrug(Pick p) {
        List<Drug> drugs = distinctClasses(p, 3);
        int age = p.between(25, 89);
        String note = "A " + age + "-year-old patient was started on " + drugs.get(0).name() + " and "
                + drugs.get(1).name() + ". " + Text.capitalize(drugs.get(2).name())
                + " was discontinued because of side effects.";
        return task("Based on the following note, which medication was discontinued?", note, drugs.get(2).name());
    }

    /** Drugs whose classes all differ, so a class names exactly one of them. */
    static List<Drug> distinctClasses(Pick p, int n) {
        List<Drug> out = new ArrayList<>();
        while (out.size() < n) {
            Drug d = p.one(Lexicon.DRUGS);
            if (out.stream().noneMatch(o -> o.drugClass().equals(d.drugClass()) || o.name().equals(d.name()))) {
                out.add(d);
            }
        }
        return out;
    }

    private static Drug otherClass(Pick p, Drug d) {
        Drug other;
        do {
            other = p.one(Lexicon.DRUGS);
        } while (other.drugClass().equals(d.drugClass()));
        return other;
    }

    private static TaskTemplate qa(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.QA, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.QA);
    }
}
