package org.bioinstruct.evaluator.scoring;

/**
 * What a model produced for one evaluation item: option log-likelihoods (multiple choice) or generated text,
 * and the LLM judge's score of that text when a judge is configured (NaN otherwise).
 */
public record ModelOutput(String itemId, double[] logLikelihoods, String text, double judgeScore) {
    public static ModelOutput choice(String itemId, double[] logLikelihoods) {
        return new ModelOutput(itemId, logLikelihoods.clone(), null, Double.NaN);
    }

    public static ModelOutput generated(String itemId, String text, double judgeScore) {
        return new ModelOutput(itemId, null, text, judgeScore);
    }

    public boolean judged() {
        return !Double.isNaN(judgeScore);
    }
}
