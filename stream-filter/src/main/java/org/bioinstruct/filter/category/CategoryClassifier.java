package org.bioinstruct.filter.category;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bioinstruct.schemas.avro.Category;

/**
 * Decides a task's category from its instruction (and the first words of its input). Transparent by design:
 * the score of each category is
 * <pre>  naive-Bayes log-likelihood / T  +  log-odds of the rules that fired  +  proposal log-odds</pre>
 * and the confidence is that score's softmax, i.e. a posterior probability. T is fitted at training time by
 * cross-validation so that the posteriors are calibrated (see {@link TemperatureFit}); the rules are
 * {@link CategoryRules}. The generator's proposed category is only a weak prior ({@link #PROPOSAL_LOG_ODDS},
 * odds x1.5): it decides close calls but cannot flip a prediction the text supports with probability 0.6 or
 * more. Immutable and thread-safe.
 */
public final class CategoryClassifier {
    public static final String TRAINING_RESOURCE = "category/training-v1.jsonl";
    public static final double PROPOSAL_LOG_ODDS = Math.log(1.5);
    private static final int CUES_SHOWN = 3;
    private static final Category[] CATEGORIES = Category.values();

    private final NaiveBayes model;
    private final List<CategoryRule> rules;
    private final double temperature;

    private CategoryClassifier(NaiveBayes model, List<CategoryRule> rules, double temperature) {
        this.model = model;
        this.rules = rules;
        this.temperature = temperature;
    }

    /** The classifier trained on the bundled {@value #TRAINING_RESOURCE}; trained once per JVM, in milliseconds. */
    public static CategoryClassifier trained() {
        return Bundled.INSTANCE;
    }

    /** Trains on {@code tasks} with BioInstruct's {@link CategoryRules}. */
    public static CategoryClassifier train(List<LabelledTask> tasks) {
        return train(tasks, CategoryRules.all());
    }

    public static CategoryClassifier train(List<LabelledTask> tasks, List<CategoryRule> rules) {
        for (Category category : CATEGORIES) {
            if (tasks.stream().noneMatch(task -> task.category() == category)) {
                throw new IllegalArgumentException("training data has no " + category + " task");
            }
        }
        List<LabelledTask> copy = List.copyOf(tasks);
        List<CategoryRule> fixedRules = List.copyOf(rules);
        return new CategoryClassifier(NaiveBayes.train(copy), fixedRules, TemperatureFit.fit(copy, fixedRules));
    }

    /**
     * @param input    the task's input, possibly empty; {@code null} is read as empty
     * @param proposed the generator's proposed category, or {@code null} when it proposed none
     */
    public Prediction classify(String instruction, String input, Category proposed) {
        String safeInput = input == null ? "" : input;
        Set<String> features = TaskFeatures.of(instruction, safeInput);
        double[] logOdds = Scores.ruleLogOdds(rules, instruction, safeInput);
        if (proposed != null) {
            logOdds[proposed.ordinal()] += PROPOSAL_LOG_ODDS;
        }
        double[] posterior = Scores.softmax(Scores.combine(model.logLikelihoods(features), temperature, logOdds));
        Category winner = CATEGORIES[Scores.argMax(posterior)];
        return new Prediction(winner, posterior[winner.ordinal()],
                explain(winner, posterior[winner.ordinal()], instruction, safeInput, features, proposed));
    }

    /** The fitted temperature, for the record: how much the model's raw evidence was damped. */
    public double temperature() {
        return temperature;
    }

    private String explain(Category winner, double confidence, String instruction, String input,
                           Set<String> features, Category proposed) {
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%s p=%.2f", winner, confidence));
        List<String> fired = rules.stream().filter(rule -> rule.matches(instruction, input))
                .map(rule -> String.format(Locale.ROOT, "%s->%s(+%.1f)", rule.name(), rule.category(), rule.logOdds()))
                .toList();
        parts.add("rules: " + (fired.isEmpty() ? "none" : String.join(", ", fired)));
        List<String> cues = model.strongestCues(features, winner, CUES_SHOWN);
        parts.add("cues: " + (cues.isEmpty() ? "none" : "'" + String.join("', '", cues) + "'"));
        parts.add("proposal: " + (proposed == null ? "none" : proposed == winner ? proposed + " (agrees)"
                : proposed + " (overruled)"));
        return String.join("; ", parts);
    }

    private static final class Bundled {
        static final CategoryClassifier INSTANCE = train(LabelledTasks.fromResource(TRAINING_RESOURCE));
    }
}
