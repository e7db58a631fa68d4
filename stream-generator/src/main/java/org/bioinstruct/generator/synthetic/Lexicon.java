package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.generator.GenerationBackend;
import java.util.List;
import java.util.Optional;

/**
 * The small biomedical vocabulary the synthetic backend writes tasks from. Every relation here is true
 * (drug class and common indication, gene location and the disorder its variants cause, what a lab test
 * measures), so the generated answers are correct and a model can learn them.
 */
public final class Lexicon {

    /** A drug, its pharmacological class and a common indication. */
    public record Drug(String name, String drugClass, String indication) {
    }

    /** A human gene: HGNC symbol, approved name, chromosome and the disorder its pathogenic variants cause. */
    public record Gene(String symbol, String fullName, String chromosome, String disease) {
    }

    /** A laboratory test: short name used in reports, what it measures and what it is used for. */
    public record LabTest(String shortName, String fullName, String measures, String purpose) {
    }

    public static final List<Drug> DRUGS = List.of(
            new Drug("metformin", "biguanide", "type 2 diabetes mellitus"),
            new Drug("atorvastatin", "HMG-CoA reductase inhibitor", "hypercholesterolemia"),
            new Drug("lisinopril", "ACE inhibitor", "hypertension"),
            new Drug("losartan", "angiotensin II receptor blocker", "hypertension"),
            new Drug("amlodipine", "calcium channel blocker", "hypertension"),
            new Drug("metoprolol", "beta blocker", "hypertension"),
            new Drug("omeprazole", "proton pump inhibitor", "gastroesophageal reflux disease"),
            new Drug("warfarin", "vitamin K antagonist", "stroke prevention in atrial fibrillation"),
            new Drug("apixaban", "factor Xa inhibitor", "stroke prevention in atrial fibrillation"),
            new Drug("amoxicillin", "aminopenicillin antibiotic", "acute otitis media"),
            new Drug("ciprofloxacin", "fluoroquinolone antibiotic", "urinary tract infection"),
            new Drug("sertraline", "selective serotonin reuptake inhibitor", "major depressive disorder"),
            new Drug("levothyroxine", "thyroid hormone", "hypothyroidism"),
            new Drug("albuterol", "short-acting beta-2 agonist", "asthma"),
            new Drug("furosemide", "loop diuretic", "edema due to heart failure"),
            new Drug("allopurinol", "xanthine oxidase inhibitor", "gout"),
            new Drug("clopidogrel", "P2Y12 inhibitor", "prevention of thrombotic events after myocardial infarction"),
            new Drug("prednisone", "corticosteroid", "inflammatory and autoimmune conditions"),
            new Drug("ibuprofen", "nonsteroidal anti-inflammatory drug", "pain and inflammation"),
            new Drug("imatinib", "tyrosine kinase inhibitor", "chronic myeloid leukemia"),
            new Drug("tamoxifen", "selective estrogen receptor modulator", "estrogen receptor-positive breast cancer"),
            new Drug("donepezil", "acetylcholinesterase inhibitor", "Alzheimer disease"),
            new Drug("methotrexate", "folate antagonist", "rheumatoid arthritis"),
            new Drug("insulin glargine", "long-acting insulin analog", "diabetes mellitus"));

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
            new Gene("FMR1", "fragile X messenger ribonucleoprotein 1", "X", "fragile X syndrome"));

    public static final List<LabTest> LAB_TESTS = List.of(
            new LabTest("HbA1c", "glycated hemoglobin", "average blood glucose over the previous two to three months",
                    "diagnose and monitor diabetes mellitus"),
            new LabTest("TSH", "thyroid-stimulating hormone", "the pituitary hormone that drives thyroid hormone production",
                    "screen for hypothyroidism"),
            new LabTest("troponin", "cardiac troponin", "a protein released when heart muscle cells are injured",
                    "diagnose myocardial infarction"),
            new LabTest("lipase", "serum lipase", "a pancreatic digestive enzyme released into the blood",
                    "diagnose acute pancreatitis"),
            new LabTest("ferritin", "serum ferritin", "the body's iron stores",
                    "diagnose iron deficiency anemia"),
            new LabTest("ALT", "alanine aminotransferase", "a liver enzyme released when liver cells are damaged",
                    "detect liver cell injury"),
            new LabTest("creatinine", "serum creatinine", "a muscle waste product cleared by the kidneys",
                    "assess kidney function"),
            new LabTest("uric acid", "serum uric acid", "the end product of purine metabolism",
                    "monitor treatment of gout"),
            new LabTest("INR", "international normalized ratio", "how long the blood takes to clot",
                    "monitor warfarin therapy"),
            new LabTest("BNP", "B-type natriuretic peptide", "a hormone released by stretched heart ventricles",
                    "evaluate suspected heart failure"),
            new LabTest("PSA", "prostate-specific antigen", "a protein produced by the prostate gland",
                    "screen for prostate cancer"),
            new LabTest("D-dimer", "D-dimer", "a fragment produced when a blood clot is broken down",
                    "rule out deep vein thrombosis"),
            new LabTest("CRP", "C-reactive protein", "an acute-phase protein that rises with inflammation",
                    "assess inflammation"));

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
