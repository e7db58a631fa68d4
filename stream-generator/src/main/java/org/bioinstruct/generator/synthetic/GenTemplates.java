package org.bioinstruct.generator.synthetic;

import static org.bioinstruct.generator.synthetic.Text.article;
import static org.bioinstruct.generator.synthetic.Text.capitalize;
import static org.bioinstruct.generator.synthetic.Text.fill;

import java.util.List;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.synthetic.Clinic.Patient;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.generator.synthetic.Lexicon.LabTest;
import org.bioinstruct.schemas.avro.Category;

/** Text generation: summaries, plain-language rewrites, explanations and patient instructions. */
final class GenTemplates {
    static final List<String> SUMMARIZE = List.of(
            "Summarize the following patient note in one sentence.",
            "Write a one-sentence summary of the following clinical note.",
            "Condense this note into a single sentence for the handover.",
            "Give a brief one-line summary of the case below.",
            "Produce a concise summary of the following encounter.",
            "Write the one-sentence problem statement for this patient.");
    static final List<String> PLAIN = List.of(
            "Rewrite the following instruction in plain language for a patient.",
            "Explain this clinical instruction to a patient without jargon.",
            "Turn the following prescriber's note into words a patient can follow.",
            "Translate the clinical text below into everyday language.",
            "Make the following medication instruction understandable for a layperson.",
            "Rephrase this note for the patient's information leaflet.");
    static final List<String> LAB_EXPLAIN = List.of(
            "Write a short explanation of the %s result below for the patient.",
            "Explain to the patient what their %s result means.",
            "Describe what the %s test measures and how this result compares with normal.",
            "Draft a message explaining the following %s result to a patient.",
            "In two sentences, explain this %s value to a non-specialist.",
            "Help the patient understand the %s result reported below.");
    static final List<String> GENE_EXPLAIN = List.of(
            "Explain the clinical relevance of the %s finding below in two sentences.",
            "Write a short note explaining what this %s result means.",
            "Describe the gene in the following report and the disorder it is linked to.",
            "Summarize the significance of the genetic finding below for a referring doctor.",
            "Explain to a colleague what the %s gene is and why this report matters.",
            "Interpret the following genetic test result in plain clinical language.");
    static final List<String> EDUCATE = List.of(
            "Generate a patient education note about the new medicine below.",
            "Write two sentences of patient advice about the prescription below.",
            "Prepare a short counseling message for the patient described below.",
            "Write what the pharmacist should tell this patient about the new drug.",
            "Create a brief patient information text for the following prescription.",
            "Explain the new medication to the patient in the case below.");
    static final List<String> DISCHARGE = List.of(
            "Write a brief discharge instruction for the patient in the following summary.",
            "Draft discharge advice based on the summary below.",
            "Write the take-home instructions for this patient.",
            "Compose short discharge instructions from the following notes.",
            "Turn this discharge summary into instructions addressed to the patient.",
            "Produce patient-facing discharge instructions for the case below.");
    static final List<String> PARAPHRASE = List.of(
            "Paraphrase the following statement about a genetic disorder.",
            "Reword the sentence below without changing its meaning.",
            "Say the same thing as the following finding in different words.",
            "Rewrite this sentence from an abstract with a different structure.",
            "Restate the following genetic finding in another way.",
            "Provide a paraphrase of the statement below.");

    private GenTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(gen(GenTemplates::summarizeNote), gen(GenTemplates::plainLanguage),
                gen(GenTemplates::explainLabResult), gen(GenTemplates::explainGeneFinding),
                gen(GenTemplates::patientEducation), gen(GenTemplates::dischargeInstruction),
                gen(GenTemplates::paraphraseGeneStatement));
    }

    static CandidateTask summarizeNote(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        Patient pt = Patient.random(p);
        String symptom = p.one(Clinic.SYMPTOMS);
        String duration = Clinic.duration(p);
        int systolic = p.between(98, 178);
        int diastolic = p.between(56, 104);
        String regimen = p.one(d.regimens());
        List<String> sentences = List.of(
                pt.pronoun() + " reports " + symptom + " for " + duration + ".",
                pt.pronoun() + " takes " + d.name() + " " + regimen + " for " + d.indication() + ".",
                "Blood pressure today is " + systolic + "/" + diastolic + " mmHg.");
        String note = Clinic.intro(p, pt) + " " + String.join(" ", p.distinct(sentences, 3));
        String summary = "A " + pt.age() + "-year-old " + pt.sex() + " with " + pt.historyText() + ", seen in the "
                + pt.setting() + " with " + symptom + " for " + duration + ", takes " + d.name() + " " + regimen
                + " for " + d.indication() + "; blood pressure " + systolic + "/" + diastolic + " mmHg.";
        return task(p.one(SUMMARIZE), note, summary);
    }

    static CandidateTask plainLanguage(Pick p) {
        List<Drug> drugs = p.distinct(Lexicon.DRUGS, 2);
        Drug d = drugs.get(0);
        LabTest t = p.one(Lexicon.LAB_TESTS);
        String regimen = p.one(d.regimens());
        int labWeeks = p.between(1, 12);
        int bpDays = p.between(2, 14);
        String advice = p.one(Clinic.ADVICE);
        String setting = p.one(Clinic.SETTINGS);
        int reviewWeeks = p.between(2, 16);
        List<String[]> extras = List.of(
                new String[] {"Recheck " + t.shortName() + " in " + labWeeks + " weeks.",
                        "We will repeat your " + t.fullName() + " blood test in " + labWeeks + " weeks."},
                new String[] {"Stop " + drugs.get(1).name() + ".", "Stop taking " + drugs.get(1).name() + "."},
                new String[] {"BP check in " + bpDays + " days.",
                        "Have your blood pressure checked in " + bpDays + " days."},
                new String[] {"Advise to " + advice + ".", "Please try to " + advice + "."},
                new String[] {"Review in the " + setting + " in " + reviewWeeks + " weeks.",
                        "Come back to the " + setting + " in " + reviewWeeks + " weeks."});
        StringBuilder clinical = new StringBuilder(p.one(List.of("Plan: ", "Rx: ", "Instructions: ", "")))
                .append(p.one(List.of("Start ", "Commence ", "Initiate "))).append(d.name()).append(' ')
                .append(regimen).append(" for ").append(d.indication()).append('.');
        StringBuilder plain = new StringBuilder("You are starting a medicine called ").append(d.name())
                .append(" for ").append(d.indication()).append(". Take ").append(regimen)
                .append(". It belongs to the group of medicines called ").append(plural(d.drugClass())).append('.');
        for (String[] extra : p.distinct(extras, p.between(2, 4))) {
            clinical.append(' ').append(extra[0]);
            plain.append(' ').append(extra[1]);
        }
        return task(p.one(PLAIN), clinical.toString(), plain.toString());
    }

    static CandidateTask explainLabResult(Pick p) {
        LabTest t = p.one(Lexicon.LAB_TESTS);
        double value = Clinic.labValue(p, t);
        Patient pt = Patient.random(p);
        String result = p.one(List.of("Result: ", "Today's result: ", "Lab: ", "The laboratory reported "))
                + t.shortName() + " " + t.withUnit(value) + " (reference " + t.referenceRange() + ").";
        String verdict = t.interpret(value);
        String comparison = verdict.equals("normal") ? "is within" : "is " + (verdict.equals("high") ? "above"
                : "below");
        String explanation = "The " + t.shortName() + " (" + t.fullName() + ") test measures " + t.measures()
                + " and is used to " + t.purpose() + ". Your result of " + t.withUnit(value) + " " + comparison
                + " the reference range of " + t.referenceRange() + ".";
        return task(fill(p.one(LAB_EXPLAIN), t.shortName()), Clinic.note(p, pt, result), explanation);
    }

    static CandidateTask explainGeneFinding(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        String variant = Studies.variant(p);
        String classification = p.one(List.of("pathogenic", "likely pathogenic"));
        String finding = switch (p.between(0, 2)) {
            case 0 -> "Gene: " + g.symbol() + ". Variant: " + variant + ", classified as " + classification + ".";
            case 1 -> g.symbol() + " " + variant + " (" + classification + ").";
            default -> "Result: a " + classification + " variant, " + variant + ", was found in " + g.symbol() + ".";
        };
        int age = p.between(1, 70);
        List<String> optional = List.of(
                "Method: " + p.one(Studies.METHODS) + ".",
                "Patient: " + age + "-year-old " + p.one(List.of("female", "male")) + ".",
                "Referred by the " + p.one(Clinic.SETTINGS) + ".",
                "Sample: " + p.one(List.of("blood", "saliva", "buccal swab", "dried blood spot")) + ", received day "
                        + p.between(1, 28) + ".",
                "Mean coverage " + p.between(40, 600) + "x; allele fraction " + p.between(18, 99) + "%.",
                "Indication: " + p.one(Clinic.SYMPTOMS) + " for " + Clinic.duration(p) + ".",
                "Turnaround time was " + p.between(5, 90) + " days.",
                "Family history: " + p.one(QaTemplates.BLOOD_RELATIVES) + " with " + p.one(Clinic.HISTORY) + ".");
        String report = finding + " " + String.join(" ", p.distinct(optional, p.between(3, 5)));
        String explanation = "The " + g.symbol() + " gene (" + g.fullName() + ") lies on chromosome "
                + g.chromosome() + ", and pathogenic variants in it cause " + g.disease() + ". The " + variant
                + " finding in this report should be interpreted in light of " + g.disease() + ".";
        return task(fill(p.one(GENE_EXPLAIN), g.symbol()), report, explanation);
    }

    static CandidateTask patientEducation(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        Patient pt = Patient.random(p);
        String regimen = p.one(d.regimens());
        String input = Clinic.note(p, pt, p.one(List.of("New prescription: ", "Started today: ", "Plan to begin "))
                + d.name() + " " + regimen + ".");
        String advice = capitalize(d.name()) + " is " + article(d.drugClass()) + " that your doctor may prescribe for "
                + d.indication() + ". Take " + regimen + " exactly as prescribed and tell your care team at the "
                + pt.setting() + " about any side effects.";
        return task(p.one(EDUCATE), input, advice);
    }

    static CandidateTask dischargeInstruction(Pick p) {
        Drug d = p.one(Lexicon.DRUGS);
        Patient pt = Patient.random(p);
        String regimen = p.one(d.regimens());
        int days = p.between(2, 21);
        int followUp = p.between(2, 8);
        String advice = p.one(Clinic.ADVICE);
        List<String> facts = List.of(
                "Discharged after " + days + " days on the " + p.one(List.of("medical ward", "cardiology unit",
                        "short-stay unit", "respiratory ward", "surgical ward")) + ".",
                "New: " + d.name() + " " + regimen + " for " + d.indication() + ".",
                "Follow-up in " + followUp + " weeks; advised to " + advice + ".");
        String instruction = "You are starting " + d.name() + ", " + article(d.drugClass()) + ", for "
                + d.indication() + ". Take " + regimen + ", " + advice + ", and come back for follow-up in "
                + followUp + " weeks. Report any side effects to your care team.";
        return task(p.one(DISCHARGE), Clinic.note(p, pt, facts, List.of(Clinic.COMPLAINT, Clinic.VITALS)),
                instruction);
    }

    static CandidateTask paraphraseGeneStatement(Pick p) {
        Gene g = p.one(Lexicon.GENES);
        int families = p.between(3, 400);
        String country = p.one(Studies.COUNTRIES);
        String share = Studies.percent(p);
        int frame = p.between(0, 2);
        String statement = switch (frame) {
            case 0 -> "In " + families + " families from " + country + ", " + g.disease()
                    + " was caused by pathogenic variants in the " + g.symbol() + " gene in " + share + " of cases.";
            case 1 -> "Pathogenic " + g.symbol() + " variants accounted for " + share + " of " + g.disease()
                    + " diagnoses in a " + country + " series of " + families + " families.";
            default -> "Among " + families + " families with " + g.disease() + " studied in " + country + ", "
                    + share + " carried a pathogenic variant in " + g.symbol() + ".";
        };
        String paraphrase = frame == 0
                ? "Pathogenic " + g.symbol() + " variants explained " + share + " of " + g.disease() + " cases among "
                        + families + " families studied in " + country + "."
                : "In " + country + ", " + share + " of " + families + " families with " + g.disease()
                        + " had a disease-causing variant in the " + g.symbol() + " gene.";
        StringBuilder input = new StringBuilder(statement);
        StringBuilder output = new StringBuilder(paraphrase);
        for (String[] extra : p.distinct(studyFacts(p), p.between(1, 3))) {
            input.append(' ').append(extra[0]);
            output.append(' ').append(extra[1]);
        }
        return task(p.one(PARAPHRASE), input.toString(), output.toString());
    }

    /** Further study facts, each as written in an abstract and reworded. */
    private static List<String[]> studyFacts(Pick p) {
        int age = p.between(2, 60);
        int year = p.between(1995, 2023);
        String female = Studies.percent(p);
        String followUp = String.format(java.util.Locale.ROOT, "%.1f", p.between(8, 140) / 10.0);
        int uncertain = p.between(2, 97);
        String method = p.one(Studies.METHODS);
        return List.of(
                new String[] {"Median age at diagnosis was " + age + " years.",
                        "The typical patient was diagnosed at " + age + " years of age."},
                new String[] {"Recruitment ended in " + year + ".", "The last family joined the study in " + year + "."},
                new String[] {female + " of participants were female.",
                        "Women and girls made up " + female + " of the participants."},
                new String[] {"Median follow-up was " + followUp + " years.",
                        "Patients were followed for a median of " + followUp + " years."},
                new String[] {"Variants of uncertain significance were reported in " + uncertain + " cases.",
                        "In " + uncertain + " cases the laboratory reported variants of uncertain significance."},
                new String[] {"Testing was performed by " + method + ".", "The laboratory used " + method + "."});
    }

    /** Plural of a drug class, e.g. "beta blockers", "nonsteroidal anti-inflammatory drugs". */
    static String plural(String drugClass) {
        return drugClass.endsWith("s") ? drugClass : drugClass + "s";
    }

    private static TaskTemplate gen(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.GEN, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.GEN);
    }
}
