package org.bioinstruct.filter.category;

import java.util.List;
import org.bioinstruct.schemas.avro.Category;

/** Arithmetic on per-category score vectors indexed by {@link Category#ordinal()}. */
final class Scores {
    private static final int SIZE = Category.values().length;

    private Scores() {
    }

    static double[] ruleLogOdds(List<CategoryRule> rules, String instruction, String input) {
        double[] odds = new double[SIZE];
        for (CategoryRule rule : rules) {
            if (rule.matches(instruction, input)) {
                odds[rule.category().ordinal()] += rule.logOdds();
            }
        }
        return odds;
    }

    static double[] combine(double[] logLikelihoods, double temperature, double[] logOdds) {
        double[] scores = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            scores[i] = logLikelihoods[i] / temperature + logOdds[i];
        }
        return scores;
    }

    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        double[] probabilities = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] = Math.exp(scores[i] - max);
            sum += probabilities[i];
        }
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    /** Index of the highest score; ties go to the lowest index, so the result is deterministic. */
    static int argMax(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }
}
