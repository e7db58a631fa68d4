package org.bioinstruct.trainer.training;

/** What one optimizer step did; {@code step} counts from 1 within the current {@link LoraTrainer#train} call. */
public record StepMetrics(int step, double loss, double learningRate, long tokens, double tokensPerSecond,
                          double gradNorm) {
}
