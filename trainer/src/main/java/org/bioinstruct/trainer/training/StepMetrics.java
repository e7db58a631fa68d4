package org.bioinstruct.trainer.training;

/**
 * What one optimizer step did.
 *
 * @param step            1-based step within the current shard
 * @param totalSteps      steps the current shard takes
 * @param globalStep      optimizer steps since the first adapter version (carried across versions)
 * @param loss            mean cross-entropy per response token over the step's micro-batches
 * @param tokens          non-padding tokens the step processed
 * @param gradNorm        global L2 norm of the LoRA gradients before clipping
 */
public record StepMetrics(int step, int totalSteps, long globalStep, double loss, double learningRate, long tokens,
                          double tokensPerSecond, double gradNorm) {
}
