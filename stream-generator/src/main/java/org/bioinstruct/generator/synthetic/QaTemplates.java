package org.bioinstruct.generator.synthetic;

import static org.bioinstruct.generator.synthetic.Text.article;
import static org.bioinstruct.generator.synthetic.Text.capitalize;
import static org.bioinstruct.generator.synthetic.Text.fill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.synthetic.Clinic.Patient;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.bioinstruct.schemas.avro.Category;

/**
 * Question answering: factual questions about the drug, gene or test in a note or passage, patients'
 * questions in lay language, multiple choice, yes/no, lab interpretation and questions about a note.
 */
final class QaTemplates {
    private static final List<String> LETTERS = List.of("A", "B", "C", "D");
    static final List<String> BLOOD_RELATIVES = List.of("mother", "father", "sister", "brother", "aunt", "uncle",
            "grandmother", "grandfather", "cousin", "son", "daughter", "niece", "nephew");
    static final List<String> DRUG_CLASS = List.of(
            "Which drug class does %s belong to?",
            "To which pharmacological class does %s belong? The note below gives the clinical context.",
            "Name the drug class of %s, the medication mentioned in this note.",
            "Read the note and state which class of medication %s is.",
            "What pharmacological class is %s?",
            "Based on the case below, identify the drug class of %s.",
            "State the therapeutic class of %s from the following note.",
            "A colleague asks what kind of drug %s is. Give its class.");
    static final List<String> DRUG_INDICATION = List.of(
            "What is %s commonly prescribed for?",
            "Name a common indication for %s, the drug in this note.",
            "For which condition is %s typically used?",
            "Read the case and state what %s is usually prescribed to treat.",
            "Give the main indication of %s mentioned below.",
            "What condition is %s most often prescribed for?",
            "Which disease or condition does %s commonly treat?");
    static final List<String> LAY_ANSWER = List.of(
            "Answer the patient's question below in plain language.",
            "Reply to this message from a patient in simple words.",
            "A member of the public sent the question below. Write a short, accurate answer.",
            "Respond to the following patient portal message.",
            "Give a clear answer a non-specialist can understand to the question below.",
            "You are a pharmacist. Answer this question from a customer.");
    static final List<String> LAY_CLASS = List.of("What kind of medicine is %s?",
            "What type of drug is %s exactly?", "Which family of medicines does %s belong to?",
            "Can you tell me what group of drugs %s is in?", "Is %s some kind of special medicine? What class?",
            "So what sort of tablet is %s, medically speaking?");
    static final List<String> LAY_INDICATION = List.of("What is %s normally used for?",
            "Why would someone usually be given %s?", "What does %s usually treat?",
            "What is %s typically prescribed for?", "What illness is %s meant for, usually?",
            "Could you explain what people normally take %s for?");
    static final List<String> GENE_FOR_DISEASE = List.of(
            "Which gene is mutated in %s?",
            "Name the gene whose pathogenic variants cause %s.",
            "Given the case below, which gene should be tested for %s?",
            "What is the causative gene of %s?",
            "Identify the gene most associated with %s, the condition in this family.",
            "Which gene would you sequence first to confirm %s?");
    static final List<String> GENE_CHROMOSOME = List.of(
            "On which chromosome is the %s gene located?",
            "Which chromosome carries %s, the gene studied in this abstract?",
            "Give the chromosomal location (chromosome number) of %s.",
            "Read the abstract and state on which chromosome %s lies.",
            "Where in the genome is %s found? Name the chromosome.",
            "Which human chromosome harbors the %s gene?");
    static final List<String> GENE_NAME = List.of(
            "What does the gene symbol %s stand for?",
            "Give the full approved name of %s, the gene in this abstract.",
            "Spell out the gene symbol %s.",
            "What is the full name of the gene abbreviated %s in the passage below?",
            "Expand the HGNC symbol %s into the gene's approved name.",
            "The abstract mentions %s. What is this gene's full name?");
    static final List<String> LAB_MEASURES = List.of(
            "What does the %s test measure?",
            "Explain what is measured by the %s result in this report.",
            "In one phrase, what does %s measure?",
            "The note below reports %s. What does that test measure?",
            "State what quantity the %s test reflects.",
            "What is assessed by a %s measurement?");
    static final List<String> LAB_FOR_PURPOSE = List.of(
            "Which laboratory test is used to %s?",
            "Name the blood test that would %s in this patient.",
            "Which lab test should be ordered to %s?",
            "Suggest the laboratory test used to %s.",
            "What test do clinicians use to %s?",
            "Given the case below, which laboratory test helps %s?");
    static final List<String> CHOICE = List.of(
            "Which of the following drugs is {a class}? Answer with the letter of the correct option.",
            "Choose the option that is {a class}. Reply with the letter and the drug.",
            "Select the {class} from the options below.",
            "Only one of these medications is {a class}. Which one?",
            "Pick the drug that belongs to the class {class}.",
            "Read the vignette and choose the {class} among the options.");
    static final List<String> YES_NO = List.of(
            "Is {drug} {a class}? Answer yes or no.",
            "Does {drug} belong to the class {class}? Reply yes or no.",
            "True or false, answered yes or no: {drug} is {a class}.",
            "Answer yes or no: is {drug} classified as {a class}?",
            "Based on pharmacology, is {drug} {a class}? Say yes or no.");
    static final List<String> DISCONTINUED = List.of(
            "Based on the following note, which medication was discontinued?",
            "Which drug was stopped according to this note?",
            "Read the note and name the medication that the patient no longer takes.",
            "Identify the medicine that was withdrawn in the case below.",
            "Which of the patient's drugs was discontinued, and only that drug?",
            "From the clinical note, which medication was stopped?");
    static final List<String> INTERPRET = List.of(
            "Is the following laboratory result low, normal or high?",
            "Interpret the lab value below against its reference range.",
            "Classify this result as low, normal or high and say why.",
            "Read the report and state whether the %s value is low, normal or high.",
            "Is the %s result in the note abnormal? Answer low, normal or high.",
            "Compare the %s result with the reference interval given and classify it.");
    static final List<String> REASONS = List.of("nausea", "a rash", "dizziness", "an allergic reaction",
            "ankle swelling", "a persistent cough", "muscle aches", "cost", "a drug interaction", "headaches",
            "diarrhea", "low blood pressure");

    private QaTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(qa(QaTemplates::drugClass), qa(QaTemplates::drugIndication), qa(QaTemplates::geneForDisease),
                qa(QaTemplates::geneChromosome), qa(QaTemplates::geneFullName), qa(QaTemplates::labMeasures),
                qa(QaTemplates::labForPurpose), qa(QaTemplates::drugClassChoice), qa(QaTemplates::drugClassYesNo),
                qa(QaTemplates::discontinuedDrug), qa(QaTemplates::labInterpretation));
    }

    static CandidateTask drugClass(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        if (p.chance(0.5)) {
            return layQuestion(p, d, LAY_CLASS, capitalize(d.name()) + " is " + article(d.drugClass()) + ".");
        }
        Patient pt = Patient.random(p);
        return task(fill(p.one(DRUG_CLASS), d.name()), Clinic.note(p, pt, Clinic.medication(p, pt, d)),
                d.drugClass());
    }

    static CandidateTask drugIndication(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        if (p.chance(0.5)) {
            return layQuestion(p, d, LAY_INDICATION,
                    capitalize(d.name()) + " is commonly prescribed for " + d.indication() + ".");
        }
        Patient pt = Patient.random(p);
        return task(fill(p.one(DRUG_INDICATION), d.name()), Clinic.note(p, pt, Clinic.medication(p, pt, d)),
                d.indication());
    }

    private static CandidateTask layQuestion(Pick p, Drug d, List<String> questions, String answer) {
        String question = Clinic.layOpening(p, p.between(18, 90)) + " " + Clinic.layPrescription(p, d) + " "
                + fill(p.one(questions), d.name());
        return task(p.one(LAY_ANSWER), question, answer);
    }

    static CandidateTask geneForDisease(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        Patient pt = Patient.random(p);
        String relative = p.one(BLOOD_RELATIVES);
        String reason = p.one(List.of(
                pt.pronoun() + " was referred to genetics because " + pt.possessive().toLowerCase(Locale.ROOT) + " "
                        + relative + " has " + g.disease() + ".",
                "Cascade testing was offered after " + pt.possessive().toLowerCase(Locale.ROOT) + " " + relative
                        + " was diagnosed with " + g.disease() + ".",
                "The family history includes " + g.disease() + " in " + pt.possessive().toLowerCase(Locale.ROOT)
                        + " " + relative + ", diagnosed " + p.between(2, 30) + " years ago."));
        return task(fill(p.one(GENE_FOR_DISEASE), g.disease()), Clinic.note(p, pt, reason), g.symbol());
    }

    static CandidateTask geneChromosome(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        return task(fill(p.one(GENE_CHROMOSOME), g.symbol()), Studies.passage(p, geneFinding(p, g)),
                "chromosome " + g.chromosome());
    }

    static CandidateTask geneFullName(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        return task(fill(p.one(GENE_NAME), g.symbol()), Studies.passage(p, geneFinding(p, g)), g.fullName());
    }

    /** A sentence reporting variants in the gene, without naming its disorder or chromosome. */
    static String geneFinding(Pick p, Gene g) {
        return switch (p.between(0, 3)) {
            case 0 -> "Pathogenic variants in " + g.symbol() + " were found in " + p.between(2, 180) + " participants.";
            case 1 -> "The recurrent variant " + Studies.variant(p) + " in " + g.symbol() + " accounted for "
                    + Studies.percent(p) + " of alleles.";
            case 2 -> "We assessed " + g.symbol() + " expression in " + p.between(6, 96) + " patient-derived samples.";
            default -> "Carriers of " + g.symbol() + " variants had a median age of " + p.between(3, 61) + " years.";
        };
    }

    static CandidateTask labMeasures(Pick p) {
        LabTest t = p.one(Lexicon.LAB_TESTS);
        Patient pt = Patient.random(p);
        String result = labResult(p, t);
        return task(fill(p.one(LAB_MEASURES), t.shortName()), Clinic.note(p, pt, result), t.measures());
    }

    static String labResult(Pick p, LabTest t) {
        String value = t.withUnit(Clinic.labValue(p, t));
        return switch (p.between(0, 3)) {
            case 0 -> "The " + t.shortName() + " was " + value + ".";
            case 1 -> "Laboratory results showed " + t.shortName() + " " + value + ".";
            case 2 -> "Today's " + t.shortName() + " came back at " + value + ".";
            default -> "Bloods: " + t.shortName() + " " + value + ", drawn at " + p.between(6, 22) + ":"
                    + p.between(10, 59) + ".";
        };
    }

    static CandidateTask labForPurpose(Pick p) {
        LabTest t = p.one(Lexicon.LAB_TESTS);
        Patient pt = Patient.random(p);
        String need = p.one(List.of("The team wants to " + t.purpose() + ".", "The next step is to " + t.purpose()
                + ".", "The clinician needs a test to " + t.purpose() + "."));
        return task(fill(p.one(LAB_FOR_PURPOSE), t.purpose()), Clinic.note(p, pt, need), t.shortName());
    }

    static CandidateTask drugClassChoice(Pick p) {
        List<Drug> options = distinctClasses(p, 4);
        Drug answer = p.one(options);
        Patient pt = Patient.random(p);
        StringBuilder input = new StringBuilder(Clinic.note(p, pt,
                pt.pronoun() + " needs " + article(answer.drugClass()) + "."));
        for (int i = 0; i < options.size(); i++) {
            input.append('\n').append(LETTERS.get(i)).append(". ").append(options.get(i).name());
        }
        String letter = LETTERS.get(options.indexOf(answer));
        return task(withClass(p.one(CHOICE), answer.drugClass()), input.toString(), letter + ". " + answer.name());
    }

    static CandidateTask drugClassYesNo(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        boolean truthful = p.chance(0.5);
        Drug classSource = truthful ? d : otherClass(p, d);
        Patient pt = Patient.random(p);
        return task(withClass(p.one(YES_NO), classSource.drugClass()).replace("{drug}", d.name()),
                Clinic.note(p, pt, Clinic.medication(p, pt, d)), truthful ? "Yes" : "No");
    }

    static CandidateTask discontinuedDrug(Pick p) {
        List<Drug> drugs = distinctClasses(p, 3);
        Patient pt = Patient.random(p);
        List<String> sentences = List.of(
                pt.pronoun() + " was started on " + drugs.get(0).name() + " and " + drugs.get(1).name() + ".",
                capitalize(drugs.get(2).name()) + " was discontinued because of " + p.one(REASONS) + ".");
        return task(p.one(DISCONTINUED), Clinic.note(p, pt, p.chance(0.5) ? sentences : List.of(sentences.get(1), sentences.get(0))),
                drugs.get(2).name());
    }

    static CandidateTask labInterpretation(Pick p) {
        LabTest t = p.one(Lexicon.LAB_TESTS);
        double value = Clinic.labValue(p, t);
        Patient pt = Patient.random(p);
        String line = t.shortName() + " " + t.withUnit(value) + " (reference " + t.referenceRange() + ")";
        String verdict = t.interpret(value);
        String relation = switch (verdict) {
            case "high" -> "above";
            case "low" -> "below";
            default -> "within";
        };
        return task(fill(p.one(INTERPRET), t.shortName()), Clinic.note(p, pt, "Result: " + line + "."),
                capitalize(verdict) + ": " + t.withUnit(value) + " is " + relation + " the reference range of "
                        + t.referenceRange() + ".");
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

    private static String withClass(String template, String drugClass) {
        return template.replace("{a class}", article(drugClass)).replace("{class}", drugClass);
    }

    private static TaskTemplate qa(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.QA, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.QA);
    }
}
