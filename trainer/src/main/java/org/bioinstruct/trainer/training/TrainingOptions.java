package org.bioinstruct.trainer.training;

/** How one shard is trained: AdamW learning rate, optimizer steps and examples per step. */
public record TrainingOptions(double learningRate, int stepsPerShard, int batchSize) {
    public TrainingOptions {
        if (!(learningRate > 0) || stepsPerShard <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("learning rate, steps and batch size must be positive");
        }
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(3e-3, 8, 8);
    }
}
