package org.bioinstruct.filter.category;

import java.util.ArrayList;
import java.util.List;

/**
 * Naive Bayes treats overlapping words and bigrams as independent evidence, so its raw posteriors are far too
 * sure. This finds the temperature T that divides the model's log-likelihoods so that the resulting
 * posteriors (rules included) have the least log loss on tasks the model did not see: k-fold cross-validation
 * over the training set, folds by position, a fixed grid of T, hence deterministic.
 */
final class TemperatureFit {
    static final int FOLDS = 5;
    private static final double GRID_START = 0.25;
    private static final double GRID_STEP = 1.1;
    private static final int GRID_SIZE = 60;

    /** One held-out task's evidence: model log-likelihoods and rule log-odds per category, and its category. */
    record Evidence(double[] logLikelihoods, double[] ruleLogOdds, int truth) {
    }

    private TemperatureFit() {
    }

    static double fit(List<LabelledTask> tasks, List<CategoryRule> rules) {
        List<Evidence> heldOut = crossValidated(tasks, rules);
        double best = 1;
        double bestLoss = Double.POSITIVE_INFINITY;
        double temperature = GRID_START;
        for (int i = 0; i < GRID_SIZE; i++, temperature *= GRID_STEP) {
            double loss = logLoss(heldOut, temperature);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = temperature;
            }
        }
        return best;
    }

    static List<Evidence> crossValidated(List<LabelledTask> tasks, List<CategoryRule> rules) {
        List<Evidence> evidence = new ArrayList<>(tasks.size());
        for (int fold = 0; fold < FOLDS; fold++) {
            List<LabelledTask> train = new ArrayList<>();
            List<LabelledTask> test = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                (i % FOLDS == fold ? test : train).add(tasks.get(i));
            }
            NaiveBayes model = NaiveBayes.train(train);
            for (LabelledTask task : test) {
                evidence.add(new Evidence(
                        model.logLikelihoods(TaskFeatures.of(task.instruction(), task.input())),
                        Scores.ruleLogOdds(rules, task.instruction(), task.input()),
                        task.category().ordinal()));
            }
        }
        return evidence;
    }

    static double logLoss(List<Evidence> evidence, double temperature) {
        double total = 0;
        for (Evidence e : evidence) {
            double[] posterior = Scores.softmax(Scores.combine(e.logLikelihoods(), temperature, e.ruleLogOdds()));
            total -= Math.log(Math.max(posterior[e.truth()], 1e-12));
        }
        return total / evidence.size();
    }
}
