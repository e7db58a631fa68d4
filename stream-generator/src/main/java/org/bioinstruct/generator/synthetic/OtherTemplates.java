package org.bioinstruct.generator.synthetic;

import static org.bioinstruct.generator.synthetic.Text.commaList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.synthetic.Lexicon.Drug;
import org.bioinstruct.generator.synthetic.Lexicon.Gene;
import org.bioinstruct.schemas.avro.Category;

/** Other tasks: classification, unit conversion, sorting, expansion, counting and calculation. */
final class OtherTemplates {
    /** Molar mass of glucose / 10: mg/dL to mmol/L. */
    static final double GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
    static final double KG_PER_LB = 0.45359237;
    static final List<String> CLASSIFY = List.of(
            "Classify each of the following sentences as describing a drug, a gene, or a laboratory test.",
            "Does each sentence below describe a drug, a gene or a laboratory test?",
            "Label the numbered sentences with one of: drug, gene, laboratory test.",
            "Assign every statement below to a category (drug, gene or laboratory test).",
            "For each sentence, say what kind of entity it is about: drug, gene, or laboratory test.",
            "Categorize these sentences by topic: drug, gene, or laboratory test.");
    static final List<String> GLUCOSE = List.of(
            "Convert the following blood glucose values from mg/dL to mmol/L.",
            "Express these glucose readings in mmol/L.",
            "The glucose diary below is in mg/dL. Give each reading in mmol/L.",
            "Change the units of the following glucose measurements to mmol/L.",
            "Rewrite each blood sugar reading in SI units (mmol/L).",
            "What are these glucose results in mmol/L?");
    static final List<String> WEIGHT = List.of(
            "Convert the following body weights from pounds to kilograms.",
            "Express each weight below in kilograms.",
            "The scale readings below are in lb. Give them in kg.",
            "Change these weights recorded in pounds to metric units.",
            "Rewrite every weight in the record in kilograms.",
            "What are the following weights in kg?");
    static final List<String> TEMPERATURE = List.of(
            "Convert the following body temperatures from Fahrenheit to Celsius.",
            "Express these temperature readings in degrees Celsius.",
            "The chart below records temperatures in Fahrenheit. Give each in Celsius.",
            "Change the following temperatures to the Celsius scale.",
            "Rewrite each temperature reading in °C.",
            "What are these Fahrenheit readings in Celsius?");
    static final List<String> SORT_UP = List.of(
            "Sort the following drug names alphabetically.",
            "Put these medications in alphabetical order.",
            "Arrange the drug names below from A to Z.",
            "Order this medication list alphabetically, comma-separated.",
            "Alphabetize the following list of drugs.");
    static final List<String> SORT_DOWN = List.of(
            "Sort the following drug names in reverse alphabetical order.",
            "Arrange these medications from Z to A.",
            "List the drugs below in descending alphabetical order.");
    static final List<String> EXPAND = List.of(
            "Expand each gene symbol in the following text into its full gene name.",
            "Give the approved full name of every gene symbol below.",
            "Write out the full names of the genes abbreviated in this sentence.",
            "For each HGNC symbol in the passage, give the gene name as symbol: name.",
            "Spell out the gene symbols mentioned below.",
            "What do the gene symbols in this text stand for?");
    static final List<String> COUNT = List.of(
            "Count how many different drugs appear in the following list.",
            "How many distinct medications are in this administration record?",
            "Give the number of unique drugs in the list below.",
            "Some drugs below are listed more than once. How many different drugs are there?",
            "Count the distinct medicines named in this record.",
            "Return the number of different drug names in the following entries.");
    static final List<String> BMI = List.of(
            "Calculate the body mass index from the measurements below and name its category.",
            "Compute the BMI for this patient and classify it.",
            "What is this patient's BMI, and which weight category does it fall in?",
            "Work out the body mass index (kg/m2) and its WHO category.",
            "Using weight and height below, give the BMI and category.",
            "Determine the BMI and say whether it is underweight, normal, overweight or obese.");
    static final List<String> TIMES = List.of("fasting", "before breakfast", "after breakfast", "before lunch",
            "after lunch", "before dinner", "after dinner", "bedtime", "3 am", "at the clinic");
    static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday");

    private OtherTemplates() {
    }

    static List<TaskTemplate> all() {
        return List.of(other(OtherTemplates::classifyEntitySentences), other(OtherTemplates::glucose),
                other(OtherTemplates::weight), other(OtherTemplates::temperature), other(OtherTemplates::sortDrugs),
                other(OtherTemplates::expandGeneSymbols), other(OtherTemplates::countDistinctDrugs),
                other(OtherTemplates::bodyMassIndex));
    }

    static CandidateTask classifyEntitySentences(Pick p) {
        int count = p.between(2, 4);
        List<String> sentences = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int kind = p.between(0, 2);
            sentences.add(i + ") " + entitySentence(p, kind));
            labels.add(i + ") " + List.of("drug", "gene", "laboratory test").get(kind));
        }
        return task(p.one(CLASSIFY), String.join("\n", sentences), String.join("\n", labels));
    }

    /** A sentence about a drug (kind 0), a gene (1) or a laboratory test (2). */
    static String entitySentence(Pick p, int kind) {
        int age = p.between(20, 90);
        String who = age + "-year-old " + p.one(List.of("woman", "man"));
        return switch (kind) {
            case 0 -> {
                Drug d = p.one(Lexicon.DRUGS);
                yield p.one(List.of(
                        Text.capitalize(d.name()) + " " + p.one(d.regimens()) + " was started in a " + who
                                + " at the " + p.one(Clinic.SETTINGS) + " for " + d.indication() + ".",
                        "In " + Studies.percent(p) + " of " + p.between(40, 900) + " patients, " + d.name()
                                + " was stopped within " + Clinic.duration(p) + " because of " + p.one(QaTemplates.REASONS)
                                + ".",
                        Text.capitalize(d.name()) + ", " + Text.article(d.drugClass()) + ", was prescribed to a " + who
                                + " with " + p.one(Clinic.HISTORY) + "."));
            }
            case 1 -> {
                Gene g = p.one(Lexicon.GENES);
                yield p.one(List.of(
                        "The " + g.symbol() + " gene, on chromosome " + g.chromosome() + ", was sequenced in "
                                + p.between(10, 900) + " " + p.one(Studies.PARTICIPANTS) + " from "
                                + p.one(Studies.COUNTRIES) + ".",
                        "The variant " + Studies.variant(p) + " in " + g.symbol() + " was found in a " + who
                                + " by " + p.one(Studies.METHODS) + ".",
                        "Expression of " + g.symbol() + " (" + g.fullName() + ") fell by " + Studies.percent(p)
                                + " in " + p.between(3, 60) + " cell lines."));
            }
            default -> {
                Lexicon.LabTest t = p.one(Lexicon.LAB_TESTS);
                String value = t.withUnit(Clinic.labValue(p, t));
                yield p.one(List.of(
                        "The " + t.shortName() + " measured " + value + " in a " + who + " at the "
                                + p.one(Clinic.SETTINGS) + ", " + Clinic.duration(p) + " after admission.",
                        "A " + who + " had a " + t.shortName() + " of " + value + " against a reference range of "
                                + t.referenceRange() + ".",
                        "Repeat " + t.shortName() + " on day " + p.between(2, 30) + " was " + value + " in a " + who
                                + " with " + p.one(Clinic.HISTORY) + "."));
            }
        };
    }

    static CandidateTask glucose(Pick p) {
        return convertReadings(p, GLUCOSE, 60, 400, 1, "mg/dL", "mmol/L", mg -> mg / GLUCOSE_MG_DL_PER_MMOL_L);
    }

    static CandidateTask weight(Pick p) {
        return convertReadings(p, WEIGHT, 90, 320, 1, "lb", "kg", lb -> lb * KG_PER_LB);
    }

    static CandidateTask temperature(Pick p) {
        return convertReadings(p, TEMPERATURE, 960, 1040, 10, "°F", "°C", f -> (f - 32) * 5 / 9);
    }

    /** Readings labelled by day and time, one to three times on one to three days, each converted. */
    private static CandidateTask convertReadings(Pick p, List<String> instructions, int min, int max, int divisor,
                                                 String from, String to, DoubleUnaryOperator convert) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> days = p.distinct(DAYS, p.between(1, 3));
        for (String day : days) {
            for (String time : p.distinct(TIMES, p.between(2, 3))) {
                readings(p, day + " " + time, min, max, divisor, from, to, convert, inputs, outputs);
            }
        }
        String separator = p.one(List.of("; ", "\n"));
        String header = p.one(List.of("", "Home log, week " + p.between(1, 52) + ":\n",
                "Readings from a " + p.between(18, 90) + "-year-old:\n", "Chart entries:\n"));
        return task(p.one(instructions), header + String.join(separator, inputs), String.join(separator, outputs));
    }

    private static void readings(Pick p, String label, int min, int max, int divisor, String from, String to,
                                 DoubleUnaryOperator convert, List<String> inputs, List<String> outputs) {
        double value = p.between(min, max) / (double) divisor;
        String shown = divisor == 1 ? String.valueOf((int) value) : String.format(Locale.ROOT, "%.1f", value);
        inputs.add(label + ": " + shown + " " + from);
        outputs.add(label + ": " + String.format(Locale.ROOT, "%.1f", convert.applyAsDouble(value)) + " " + to);
    }

    static CandidateTask sortDrugs(Pick p) {
        List<String> names = p.distinct(Lexicon.DRUGS, p.between(6, 9)).stream().map(Drug::name).toList();
        boolean descending = p.chance(0.3);
        Comparator<String> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return task(p.one(descending ? SORT_DOWN : SORT_UP), commaList(names),
                commaList(names.stream().sorted(order).toList()));
    }

    static CandidateTask expandGeneSymbols(Pick p) {
        List<Gene> genes = p.distinct(Lexicon.GENES, p.between(2, 4));
        List<String> symbols = genes.stream().map(Gene::symbol).toList();
        String text = Studies.passage(p, p.one(List.of(
                "The panel included " + Text.series(symbols) + ".",
                "Variants in " + Text.series(symbols) + " were reported in " + p.between(2, 80) + " of "
                        + p.between(90, 900) + " samples.",
                "Genes analysed: " + commaList(symbols) + ".")));
        List<String> expanded = genes.stream().map(g -> g.symbol() + ": " + g.fullName()).toList();
        return task(p.one(EXPAND), text, String.join("; ", expanded));
    }

    static CandidateTask countDistinctDrugs(Pick p) {
        List<Drug> distinct = p.distinct(Lexicon.DRUGS, p.between(2, 6));
        List<Drug> mentions = new ArrayList<>(distinct);
        int repeats = p.between(1, 3);
        for (int i = 0; i < repeats; i++) {
            mentions.add(p.one(distinct));
        }
        List<String> entries = new ArrayList<>();
        for (Drug d : p.distinct(mentions, mentions.size())) {
            entries.add(p.chance(0.5) ? d.name() : p.between(6, 22) + ":00 " + d.name() + " " + p.one(d.regimens()));
        }
        return task(p.one(COUNT), String.join(p.one(List.of(", ", "\n")), entries), String.valueOf(distinct.size()));
    }

    static CandidateTask bodyMassIndex(Pick p) {
        int kg = p.between(40, 160);
        int cm = p.between(145, 200);
        double bmi = kg / Math.pow(cm / 100.0, 2);
        String rounded = String.format(Locale.ROOT, "%.1f", bmi);
        double shown = Double.parseDouble(rounded);
        String category = shown < 18.5 ? "underweight" : shown < 25 ? "normal weight" : shown < 30 ? "overweight"
                : "obese";
        Clinic.Patient pt = Clinic.Patient.random(p);
        String measured = p.one(List.of(
                "Weight " + kg + " kg, height " + cm + " cm.",
                "Today " + pt.pronoun().toLowerCase(Locale.ROOT) + " weighs " + kg + " kg and is " + cm + " cm tall.",
                "Height: " + cm + " cm; weight: " + kg + " kg."));
        String input = Clinic.note(p, pt, List.of(measured), List.of(Clinic.COMPLAINT, Clinic.PLAN));
        return task(p.one(BMI), input, "BMI " + rounded + " kg/m2 (" + category + ")");
    }

    private static TaskTemplate other(java.util.function.Function<Pick, CandidateTask> body) {
        return TaskTemplate.of(Category.OTHER, body);
    }

    private static CandidateTask task(String instruction, String input, String output) {
        return new CandidateTask(instruction, input, output, Category.OTHER);
    }
}
