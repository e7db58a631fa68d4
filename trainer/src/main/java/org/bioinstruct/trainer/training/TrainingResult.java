package org.bioinstruct.trainer.training;

/**
 * Outcome of training on one shard.
 *
 * @param examples distinct examples that took part
 * @param tokens   target tokens the loss was taken on, summed over steps
 */
public record TrainingResult(int steps, int examples, long tokens, double meanLoss, double firstLoss,
                             double lastLoss) {
}
