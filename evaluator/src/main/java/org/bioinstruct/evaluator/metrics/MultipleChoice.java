package org.bioinstruct.evaluator.metrics;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Multiple-choice scoring as lm-evaluation-harness does it: the model's log-likelihood of each option's text as
 * the continuation of the prompt. {@code acc} picks the option with the highest log-likelihood, {@code acc_norm}
 * the highest log-likelihood divided by the option's length in UTF-8 bytes. Ties go to the first option.
 */
public final class MultipleChoice {
    private MultipleChoice() {
    }

    public static int choice(double[] logLikelihoods) {
        int best = 0;
        for (int i = 1; i < logLikelihoods.length; i++) {
            if (logLikelihoods[i] > logLikelihoods[best]) {
                best = i;
            }
        }
        return best;
    }

    public static int normalizedChoice(double[] logLikelihoods, List<String> options) {
        if (options.size() != logLikelihoods.length) {
            throw new IllegalArgumentException(logLikelihoods.length + " log-likelihoods for " + options.size() + " options");
        }
        double[] normalized = new double[logLikelihoods.length];
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = logLikelihoods[i] / Math.max(1, options.get(i).getBytes(StandardCharsets.UTF_8).length);
        }
        return choice(normalized);
    }
}
