package org.bioinstruct.evaluator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bioinstruct.evaluator.scoring.ModelScorer;
import org.bioinstruct.evaluator.scoring.SuiteRunner;
import org.bioinstruct.evaluator.suite.EvalItem;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.evaluator.suite.TaskClassifier;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;

/**
 * Evaluation examples/s of the tiny model on CPU: {@code EvaluatorBenchmark MODEL_DIR OUT.md [items] [runs]
 * [maxNewTokens]}. For each task kind it times {@link SuiteRunner} over {@code items} examples of that kind
 * (median of {@code runs}); as the baseline measured in the same run it times greedy generation of the same
 * multiple-choice items, which is how the evaluator scored every example before log-likelihood scoring.
 */
public final class EvaluatorBenchmark {
    private EvaluatorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: EvaluatorBenchmark MODEL_DIR OUT.md [items=48] [runs=3] [maxNewTokens=48]");
            System.exit(2);
        }
        Path modelDir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int items = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int maxNewTokens = args.length > 4 ? Integer.parseInt(args[4]) : 48;
        BaseModel base = BaseModels.createOrLoad(modelDir, 7);
        Map<String, Suite> suites = suites(items);
        Map<String, Double> rates = new LinkedHashMap<>();
        SuiteRunner runner = new SuiteRunner(maxNewTokens, java.util.Optional.empty());
        try (ModelScorer scorer = ModelScorer.base(base)) {
            runner.run(scorer, suites.get("multiple_choice"), "warm-up");
            for (Map.Entry<String, Suite> e : suites.entrySet()) {
                rates.put(e.getKey(), median(runs, () -> runner.run(scorer, e.getValue(), "bench " + e.getKey()),
                        e.getValue().items().size()));
            }
            Suite mc = suites.get("multiple_choice");
            rates.put("multiple_choice by generation (baseline)", median(runs, () -> {
                mc.items().forEach(i -> scorer.answer(i.example(), maxNewTokens));
                return null;
            }, mc.items().size()));
        }
        String table = markdown(rates, items, runs, maxNewTokens);
        Files.writeString(out, table);
        System.out.print(table);
    }

    private static double median(int runs, java.util.function.Supplier<?> body, int items) {
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            body.get();
            rates[r] = items / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[runs / 2];
    }

    /** Examples of each task kind in the generator's layouts, varied by index so no two prompts are equal. */
    static Map<String, Suite> suites(int n) {
        String[] drugs = {"metformin", "atorvastatin", "lisinopril", "warfarin", "omeprazole", "amoxicillin"};
        Map<String, List<Example>> byKind = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String d = drugs[i % drugs.length];
            String note = "Note " + i + ": a " + (30 + i % 50) + "-year-old patient takes " + d + " daily for a chronic condition.";
            add(byKind, "multiple_choice", new Example("mc" + i, "Which of the following drugs is a statin? Answer with the letter.",
                    note + "\nA. metformin\nB. atorvastatin\nC. lisinopril\nD. warfarin", "B. atorvastatin", Category.QA, "bench"));
            add(byKind, "yes_no", new Example("yn" + i, "Is " + d + " a statin? Answer yes or no.", note,
                    d.equals("atorvastatin") ? "Yes" : "No", Category.QA, "bench"));
            add(byKind, "short_answer", new Example("sa" + i, "Name the drug in this note.", note, d, Category.QA, "bench"));
            add(byKind, "entities", new Example("ie" + i, "Extract the drug names from the following clinical note.",
                    note + " Aspirin was added.", d + ", aspirin", Category.IE, "bench"));
            add(byKind, "bio_tags", new Example("bio" + i, "Label the tokens with BIO tags for Chemical entities.",
                    "Patient took " + d + " .", "Patient : O\ntook : O\n" + d + " : B-Chemical\n. : O", Category.IE, "bench"));
            add(byKind, "generation", new Example("gen" + i, "Summarize the note in one sentence.", note,
                    "Patient on " + d + " for a chronic condition.", Category.GEN, "bench"));
        }
        Map<String, Suite> suites = new LinkedHashMap<>();
        byKind.forEach((kind, examples) -> {
            List<EvalItem> items = new ArrayList<>();
            examples.forEach(e -> items.add(new EvalItem(e, TaskClassifier.classify(e))));
            suites.put(kind, Suite.of("bench-" + kind, items));
        });
        return suites;
    }

    private static void add(Map<String, List<Example>> byKind, String kind, Example e) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(e);
    }

    static String markdown(Map<String, Double> rates, int items, int runs, int maxNewTokens) {
        double baseline = rates.get("multiple_choice by generation (baseline)");
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "| task kind (%d items, max %d new tokens) | scoring | examples/s (median of %d) | vs generation baseline |%n"
                        + "|---|---|---:|---:|%n", items, maxNewTokens, runs));
        rates.forEach((kind, rate) -> md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.2fx |%n", kind,
                scoring(kind), rate, rate / baseline)));
        return md.toString();
    }

    private static String scoring(String kind) {
        if (kind.startsWith("multiple_choice by")) {
            return "greedy generation";
        }
        return kind.equals("multiple_choice") || kind.equals("yes_no") ? "log-likelihood of options" : "greedy generation";
    }

}
