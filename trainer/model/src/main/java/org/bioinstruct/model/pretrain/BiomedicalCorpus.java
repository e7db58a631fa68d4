package org.bioinstruct.model.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bioinstruct.model.tokenizer.PromptFormat;

/**
 * The project's own small biomedical text, for training the tiny base model's tokenizer and pre-training it:
 * true statements about common drugs, genes and laboratory tests, as plain sentences and as Alpaca-style
 * instruction examples (the format the trainer fine-tunes on). Deterministic for a seed.
 */
public final class BiomedicalCorpus {
    private record Drug(String name, String drugClass, String indication) {
    }

    private record Gene(String symbol, String chromosome, String disease) {
    }

    private record Lab(String name, String measures, String unit) {
    }

    private static final List<Drug> DRUGS = List.of(
            new Drug("metformin", "biguanide", "type 2 diabetes mellitus"),
            new Drug("atorvastatin", "HMG-CoA reductase inhibitor", "hypercholesterolemia"),
            new Drug("lisinopril", "ACE inhibitor", "hypertension"),
            new Drug("losartan", "angiotensin II receptor blocker", "hypertension"),
            new Drug("amlodipine", "calcium channel blocker", "hypertension"),
            new Drug("metoprolol", "beta blocker", "atrial fibrillation"),
            new Drug("omeprazole", "proton pump inhibitor", "gastroesophageal reflux disease"),
            new Drug("warfarin", "vitamin K antagonist", "stroke prevention in atrial fibrillation"),
            new Drug("apixaban", "factor Xa inhibitor", "deep vein thrombosis"),
            new Drug("amoxicillin", "aminopenicillin antibiotic", "acute otitis media"),
            new Drug("ciprofloxacin", "fluoroquinolone antibiotic", "urinary tract infection"),
            new Drug("sertraline", "selective serotonin reuptake inhibitor", "major depressive disorder"),
            new Drug("levothyroxine", "thyroid hormone", "hypothyroidism"),
            new Drug("albuterol", "short-acting beta-2 agonist", "asthma"),
            new Drug("furosemide", "loop diuretic", "edema due to heart failure"),
            new Drug("allopurinol", "xanthine oxidase inhibitor", "gout"),
            new Drug("clopidogrel", "P2Y12 inhibitor", "acute coronary syndrome"),
            new Drug("prednisone", "corticosteroid", "rheumatoid arthritis"),
            new Drug("ibuprofen", "nonsteroidal anti-inflammatory drug", "pain and inflammation"),
            new Drug("insulin glargine", "long-acting insulin", "type 1 diabetes mellitus"));
    private static final List<Gene> GENES = List.of(
            new Gene("CFTR", "7", "cystic fibrosis"),
            new Gene("HBB", "11", "sickle cell disease"),
            new Gene("BRCA1", "17", "hereditary breast and ovarian cancer"),
            new Gene("BRCA2", "13", "hereditary breast and ovarian cancer"),
            new Gene("HTT", "4", "Huntington disease"),
            new Gene("DMD", "X", "Duchenne muscular dystrophy"),
            new Gene("FBN1", "15", "Marfan syndrome"),
            new Gene("PAH", "12", "phenylketonuria"),
            new Gene("APC", "5", "familial adenomatous polyposis"),
            new Gene("TP53", "17", "Li-Fraumeni syndrome"),
            new Gene("MLH1", "3", "Lynch syndrome"),
            new Gene("LDLR", "19", "familial hypercholesterolemia"));
    private static final List<Lab> LABS = List.of(
            new Lab("HbA1c", "average blood glucose over about three months", "%"),
            new Lab("TSH", "thyroid-stimulating hormone", "mIU/L"),
            new Lab("creatinine", "kidney function", "mg/dL"),
            new Lab("ALT", "liver cell injury", "U/L"),
            new Lab("troponin I", "myocardial injury", "ng/L"),
            new Lab("INR", "the clotting time on warfarin", ""),
            new Lab("LDL cholesterol", "low-density lipoprotein in the blood", "mg/dL"),
            new Lab("hemoglobin", "the oxygen-carrying protein of red blood cells", "g/dL"),
            new Lab("CRP", "systemic inflammation", "mg/L"),
            new Lab("potassium", "serum potassium concentration", "mmol/L"));

    private BiomedicalCorpus() {
    }

    /** {@code count} texts, each a sentence group or a complete instruction example. */
    public static List<String> texts(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(random.nextInt(3) == 0 ? sentences(random) : example(random));
        }
        return out;
    }

    private static String sentences(SplittableRandom random) {
        Drug d = pick(random, DRUGS);
        Gene g = pick(random, GENES);
        Lab l = pick(random, LABS);
        return capitalize(d.name) + " is " + article(d.drugClass) + " " + d.drugClass + " commonly used for "
                + d.indication + ". Pathogenic variants in " + g.symbol + ", on chromosome " + g.chromosome
                + ", cause " + g.disease + ". The " + l.name + " test measures " + l.measures
                + (l.unit.isEmpty() ? "." : ", reported in " + l.unit + ".");
    }

    private static String example(SplittableRandom random) {
        Drug d = pick(random, DRUGS);
        Gene g = pick(random, GENES);
        Lab l = pick(random, LABS);
        return switch (random.nextInt(6)) {
            case 0 -> PromptFormat.prompt("Which drug class does " + d.name + " belong to?", "")
                    + capitalize(d.name) + " is " + article(d.drugClass) + " " + d.drugClass + ".";
            case 1 -> PromptFormat.prompt("What is the drug in this note commonly prescribed for?",
                    "The patient was started on " + d.name + " and reviewed after four weeks.")
                    + capitalize(d.name) + " is commonly prescribed for " + d.indication + ".";
            case 2 -> PromptFormat.prompt("Name the gene whose pathogenic variants cause " + g.disease + ".", "")
                    + g.symbol + ", located on chromosome " + g.chromosome + ".";
            case 3 -> PromptFormat.prompt("Extract the gene and the disease from the sentence.",
                    "Variants in " + g.symbol + " were found in a family with " + g.disease + ".")
                    + "Gene: " + g.symbol + "\nDisease: " + g.disease;
            case 4 -> PromptFormat.prompt("What does the " + l.name + " test measure?", "")
                    + "The " + l.name + " test measures " + l.measures + ".";
            default -> PromptFormat.prompt("Summarize the note in one sentence.",
                    "A patient with " + d.indication + " takes " + d.name + ". The " + l.name
                            + " was checked at the last visit.")
                    + "The patient takes " + d.name + " for " + d.indication + " and had " + article(l.name) + " "
                    + l.name + " test.";
        };
    }

    private static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String article(String word) {
        return "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
