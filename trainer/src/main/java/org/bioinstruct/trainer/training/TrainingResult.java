package org.bioinstruct.trainer.training;

/**
 * Outcome of training on one shard.
 *
 * @param examples distinct examples that took part (replayed ones included)
 * @param tokens   non-padding tokens processed, summed over steps and epochs
 * @param meanLoss mean of the step losses
 */
public record TrainingResult(int steps, int examples, long tokens, double meanLoss, double firstLoss,
                             double lastLoss) {
    TrainingResult withExamples(int count) {
        return new TrainingResult(steps, count, tokens, meanLoss, firstLoss, lastLoss);
    }
}
