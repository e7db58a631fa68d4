package org.bioinstruct.generator.synthetic;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The small biomedical vocabulary the synthetic backend writes tasks from. Every relation here is true
 * (drug class and common indication, gene location and the disorder its variants cause, what a lab test
 * measures), so the generated answers are correct and a model can learn them.
 */
public final class Lexicon {

    /** A drug, its pharmacological class, a common indication and usual adult regimens for it. */
    public record Drug(String name, String drugClass, String indication, List<String> regimens) {
        public Drug(String name, String drugClass, String indication, String... regimens) {
            this(name, drugClass, indication, List.of(regimens));
        }
    }

    /** A human gene: HGNC symbol, approved name, chromosome and the disorder its pathogenic variants cause. */
    public record Gene(String symbol, String fullName, String chromosome, String disease) {
    }

    /**
     * A laboratory test: short name used in reports, what it measures and what it is used for, its unit, an
     * adult reference interval ({@code low} 0 means "up to {@code high}") and the range results are drawn
     * from, printed with {@code decimals} decimals.
     */
    public record LabTest(String shortName, String fullName, String measures, String purpose, String unit,
                          double low, double high, double min, double max, int decimals) {

        public String format(double value) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }

        /** The value with its unit, e.g. "8.2 %" or "1.4" for a unitless ratio. */
        public String withUnit(double value) {
            return unit.isEmpty() ? format(value) : format(value) + " " + unit;
        }

        public String referenceRange() {
            String range = low == 0 ? "up to " + format(high) : format(low) + "-" + format(high);
            return unit.isEmpty() ? range : range + " " + unit;
        }

        /** "low", "normal" or "high" against the reference interval, for a value as printed. */
        public String interpret(double value) {
            double printed = Double.parseDouble(format(value));
            return printed < low ? "low" : printed > high ? "high" : "normal";
        }
    }

    public static final List<Drug> DRUGS = List.of(
            new Drug("metformin", "biguanide", "type 2 diabetes mellitus", "500 mg twice daily", "1000 mg twice daily"),
            new Drug("atorvastatin", "HMG-CoA reductase inhibitor", "hypercholesterolemia", "20 mg once daily",
                    "40 mg once daily"),
            new Drug("lisinopril", "ACE inhibitor", "hypertension", "10 mg once daily", "20 mg once daily"),
            new Drug("losartan", "angiotensin II receptor blocker", "hypertension", "50 mg once daily"),
            new Drug("amlodipine", "calcium channel blocker", "hypertension", "5 mg once daily", "10 mg once daily"),
            new Drug("metoprolol", "beta blocker", "hypertension", "25 mg twice daily", "50 mg twice daily"),
            new Drug("omeprazole", "proton pump inhibitor", "gastroesophageal reflux disease",
                    "20 mg once daily before breakfast"),
            new Drug("warfarin", "vitamin K antagonist", "stroke prevention in atrial fibrillation",
                    "5 mg once daily adjusted to the INR"),
            new Drug("apixaban", "factor Xa inhibitor", "stroke prevention in atrial fibrillation", "5 mg twice daily"),
            new Drug("amoxicillin", "aminopenicillin antibiotic", "acute otitis media", "500 mg three times daily"),
            new Drug("ciprofloxacin", "fluoroquinolone antibiotic", "urinary tract infection", "500 mg twice daily"),
            new Drug("sertraline", "selective serotonin reuptake inhibitor", "major depressive disorder",
                    "50 mg once daily", "100 mg once daily"),
            new Drug("levothyroxine", "thyroid hormone", "hypothyroidism", "50 micrograms once daily",
                    "100 micrograms once daily"),
            new Drug("albuterol", "short-acting beta-2 agonist", "asthma", "two puffs every 4 to 6 hours as needed"),
            new Drug("furosemide", "loop diuretic", "edema due to heart failure", "40 mg once daily"),
            new Drug("allopurinol", "xanthine oxidase inhibitor", "gout", "100 mg once daily", "300 mg once daily"),
            new Drug("clopidogrel", "P2Y12 inhibitor", "prevention of thrombotic events after myocardial infarction",
                    "75 mg once daily"),
            new Drug("prednisone", "corticosteroid", "inflammatory and autoimmune conditions", "20 mg once daily",
                    "40 mg once daily"),
            new Drug("ibuprofen", "nonsteroidal anti-inflammatory drug", "pain and inflammation",
                    "400 mg every 6 hours as needed"),
            new Drug("imatinib", "tyrosine kinase inhibitor", "chronic myeloid leukemia", "400 mg once daily"),
            new Drug("tamoxifen", "selective estrogen receptor modulator", "estrogen receptor-positive breast cancer",
                    "20 mg once daily"),
            new Drug("donepezil", "acetylcholinesterase inhibitor", "Alzheimer disease", "5 mg at bedtime",
                    "10 mg at bedtime"),
            new Drug("methotrexate", "folate antagonist", "rheumatoid arthritis", "15 mg once weekly"),
            new Drug("insulin glargine", "long-acting insulin analog", "diabetes mellitus", "10 units at bedtime"),
            new Drug("empagliflozin", "SGLT2 inhibitor", "type 2 diabetes mellitus", "10 mg once daily"),
            new Drug("sitagliptin", "DPP-4 inhibitor", "type 2 diabetes mellitus", "100 mg once daily"),
            new Drug("spironolactone", "mineralocorticoid receptor antagonist",
                    "heart failure with reduced ejection fraction", "25 mg once daily"),
            new Drug("hydrochlorothiazide", "thiazide diuretic", "hypertension", "12.5 mg once daily",
                    "25 mg once daily"),
            new Drug("gabapentin", "gabapentinoid", "postherpetic neuralgia", "300 mg three times daily"),
            new Drug("montelukast", "leukotriene receptor antagonist", "asthma", "10 mg once daily in the evening"),
            new Drug("tamsulosin", "alpha-1 blocker", "benign prostatic hyperplasia", "0.4 mg once daily"),
            new Drug("finasteride", "5-alpha reductase inhibitor", "benign prostatic hyperplasia", "5 mg once daily"),
            new Drug("ondansetron", "5-HT3 receptor antagonist", "chemotherapy-induced nausea and vomiting",
                    "8 mg every 8 hours as needed"),
            new Drug("fluoxetine", "selective serotonin reuptake inhibitor", "major depressive disorder",
                    "20 mg once daily"),
            new Drug("doxycycline", "tetracycline antibiotic", "early Lyme disease", "100 mg twice daily"),
            new Drug("azithromycin", "macrolide antibiotic", "community-acquired pneumonia", "500 mg once daily"),
            new Drug("rivaroxaban", "factor Xa inhibitor", "deep vein thrombosis", "15 mg twice daily with food"),
            new Drug("pantoprazole", "proton pump inhibitor", "erosive esophagitis", "40 mg once daily"),
            new Drug("quetiapine", "atypical antipsychotic", "schizophrenia", "300 mg at bedtime"),
            new Drug("lithium carbonate", "mood stabilizer", "bipolar disorder", "300 mg twice daily"),
            new Drug("alendronate", "bisphosphonate", "postmenopausal osteoporosis", "70 mg once weekly"),
            new Drug("simvastatin", "HMG-CoA reductase inhibitor", "hypercholesterolemia", "20 mg at night"),
            new Drug("carvedilol", "beta blocker", "heart failure with reduced ejection fraction",
                    "6.25 mg twice daily"),
            new Drug("enoxaparin", "low-molecular-weight heparin", "prevention of venous thromboembolism",
                    "40 mg subcutaneously once daily"),
            new Drug("oseltamivir", "neuraminidase inhibitor", "influenza", "75 mg twice daily for 5 days"),
            new Drug("acyclovir", "nucleoside analog antiviral", "herpes simplex virus infection",
                    "400 mg three times daily"),
            new Drug("hydroxychloroquine", "antimalarial", "systemic lupus erythematosus", "200 mg twice daily"));

    public static final List<Gene> GENES = List.of(
            new Gene("CFTR", "cystic fibrosis transmembrane conductance regulator", "7", "cystic fibrosis"),
            new Gene("HBB", "hemoglobin subunit beta", "11", "sickle cell disease"),
            new Gene("HTT", "huntingtin", "4", "Huntington disease"),
            new Gene("DMD", "dystrophin", "X", "Duchenne muscular dystrophy"),
            new Gene("BRCA1", "BRCA1 DNA repair associated", "17", "hereditary breast and ovarian cancer syndrome"),
            new Gene("PAH", "phenylalanine hydroxylase", "12", "phenylketonuria"),
            new Gene("F8", "coagulation factor VIII", "X", "hemophilia A"),
            new Gene("FBN1", "fibrillin 1", "15", "Marfan syndrome"),
            new Gene("TP53", "tumor protein p53", "17", "Li-Fraumeni syndrome"),
            new Gene("APC", "APC regulator of WNT signaling pathway", "5", "familial adenomatous polyposis"),
            new Gene("HFE", "homeostatic iron regulator", "6", "hereditary hemochromatosis"),
            new Gene("LDLR", "low density lipoprotein receptor", "19", "familial hypercholesterolemia"),
            new Gene("SMN1", "survival of motor neuron 1", "5", "spinal muscular atrophy"),
            new Gene("FMR1", "fragile X messenger ribonucleoprotein 1", "X", "fragile X syndrome"),
            new Gene("RB1", "RB transcriptional corepressor 1", "13", "retinoblastoma"),
            new Gene("NF1", "neurofibromin 1", "17", "neurofibromatosis type 1"),
            new Gene("VHL", "von Hippel-Lindau tumor suppressor", "3", "von Hippel-Lindau disease"),
            new Gene("GBA1", "glucosylceramidase beta 1", "1", "Gaucher disease"),
            new Gene("HEXA", "hexosaminidase subunit alpha", "15", "Tay-Sachs disease"),
            new Gene("ATP7B", "ATPase copper transporting beta", "13", "Wilson disease"),
            new Gene("MECP2", "methyl-CpG binding protein 2", "X", "Rett syndrome"),
            new Gene("F9", "coagulation factor IX", "X", "hemophilia B"),
            new Gene("G6PD", "glucose-6-phosphate dehydrogenase", "X", "glucose-6-phosphate dehydrogenase deficiency"),
            new Gene("SERPINA1", "serpin family A member 1", "14", "alpha-1 antitrypsin deficiency"),
            new Gene("DMPK", "DM1 protein kinase", "19", "myotonic dystrophy type 1"),
            new Gene("FXN", "frataxin", "9", "Friedreich ataxia"));

    public static final List<LabTest> LAB_TESTS = List.of(
            new LabTest("HbA1c", "glycated hemoglobin", "average blood glucose over the previous two to three months",
                    "diagnose and monitor diabetes mellitus", "%", 4.0, 5.6, 4.5, 12.5, 1),
            new LabTest("TSH", "thyroid-stimulating hormone", "the pituitary hormone that drives thyroid hormone production",
                    "screen for hypothyroidism", "mIU/L", 0.4, 4.0, 0.05, 15.0, 2),
            new LabTest("troponin", "cardiac troponin", "a protein released when heart muscle cells are injured",
                    "diagnose myocardial infarction", "ng/L", 0, 14, 2, 900, 0),
            new LabTest("lipase", "serum lipase", "a pancreatic digestive enzyme released into the blood",
                    "diagnose acute pancreatitis", "U/L", 13, 60, 8, 1500, 0),
            new LabTest("ferritin", "serum ferritin", "the body's iron stores",
                    "diagnose iron deficiency anemia", "ng/mL", 30, 300, 4, 900, 0),
            new LabTest("ALT", "alanine aminotransferase", "a liver enzyme released when liver cells are damaged",
                    "detect liver cell injury", "U/L", 7, 56, 5, 600, 0),
            new LabTest("creatinine", "serum creatinine", "a muscle waste product cleared by the kidneys",
                    "assess kidney function", "mg/dL", 0.6, 1.3, 0.4, 6.0, 1),
            new LabTest("uric acid", "serum uric acid", "the end product of purine metabolism",
                    "monitor treatment of gout", "mg/dL", 3.5, 7.2, 2.0, 12.5, 1),
            new LabTest("INR", "international normalized ratio", "how long the blood takes to clot",
                    "monitor warfarin therapy", "", 0.8, 1.2, 0.8, 5.5, 1),
            new LabTest("BNP", "B-type natriuretic peptide", "a hormone released by stretched heart ventricles",
                    "evaluate suspected heart failure", "pg/mL", 0, 100, 10, 2500, 0),
            new LabTest("PSA", "prostate-specific antigen", "a protein produced by the prostate gland",
                    "screen for prostate cancer", "ng/mL", 0, 4.0, 0.1, 25.0, 1),
            new LabTest("D-dimer", "D-dimer", "a fragment produced when a blood clot is broken down",
                    "rule out deep vein thrombosis", "mg/L FEU", 0, 0.5, 0.1, 6.0, 2),
            new LabTest("CRP", "C-reactive protein", "an acute-phase protein that rises with inflammation",
                    "assess inflammation", "mg/L", 0, 10, 0.2, 250, 1),
            new LabTest("potassium", "serum potassium", "the main positively charged ion inside cells",
                    "detect hyperkalemia and hypokalemia", "mmol/L", 3.5, 5.1, 2.6, 7.0, 1),
            new LabTest("sodium", "serum sodium", "the main positively charged ion in the fluid outside cells",
                    "detect hyponatremia and hypernatremia", "mmol/L", 135, 145, 118, 160, 0),
            new LabTest("hemoglobin", "blood hemoglobin", "the oxygen-carrying protein in red blood cells",
                    "diagnose anemia", "g/dL", 12.0, 17.5, 6.0, 19.0, 1),
            new LabTest("platelet count", "platelet count", "the number of platelets in the blood",
                    "detect thrombocytopenia", "x10^9/L", 150, 400, 20, 800, 0),
            new LabTest("LDL-C", "low-density lipoprotein cholesterol",
                    "the cholesterol carried by low-density lipoproteins", "assess cardiovascular risk", "mg/dL",
                    0, 100, 40, 260, 0),
            new LabTest("lactate", "serum lactate", "a product of anaerobic metabolism that rises with poor perfusion",
                    "assess the severity of sepsis", "mmol/L", 0.5, 2.0, 0.4, 9.0, 1));

    private Lexicon() {
    }

    public static Optional<Drug> drug(String name) {
        return DRUGS.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public static Optional<Gene> gene(String symbol) {
        return GENES.stream().filter(g -> g.symbol().equals(symbol)).findFirst();
    }

    public static Optional<LabTest> labTest(String shortName) {
        return LAB_TESTS.stream().filter(t -> t.shortName().equals(shortName)).findFirst();
    }
}
