package org.bioinstruct.trainer.training;

/**
 * How each shard is trained.
 *
 * @param schedule           learning rate per optimizer step within a shard
 * @param epochs             passes over the shard (its replayed examples included)
 * @param batchSize          sequences per micro-batch (one forward and backward pass)
 * @param accumulation       micro-batches whose gradients are summed into one optimizer step
 * @param maxGradNorm        global L2 norm the gradients are clipped to before each step; 0 turns clipping off
 * @param adamW              optimizer hyper-parameters
 * @param maxSequenceLength  tokens per sequence at most (inputs; a sequence is cut to fit)
 * @param replayFraction     examples replayed from earlier shards, as a fraction of the new shard's size
 */
public record TrainingOptions(LearningRateSchedule schedule, int epochs, int batchSize, int accumulation,
                              double maxGradNorm, AdamW.Hyper adamW, int maxSequenceLength,
                              double replayFraction) {
    public TrainingOptions {
        if (epochs <= 0 || batchSize <= 0 || accumulation <= 0 || maxSequenceLength <= 1) {
            throw new IllegalArgumentException("epochs, batch size and accumulation must be positive, "
                    + "max sequence length above 1");
        }
        if (!(maxGradNorm >= 0) || !(replayFraction >= 0 && replayFraction <= 10)) {
            throw new IllegalArgumentException("max grad norm must be >= 0, replay fraction within [0, 10]");
        }
    }

    /** Constant learning rate, no accumulation, clipping at 1, no replay: a plain fine-tuning run. */
    public TrainingOptions(double learningRate, int epochs, int batchSize) {
        this(LearningRateSchedule.constant(learningRate), epochs, batchSize, 1, 1.0, AdamW.Hyper.defaults(),
                4096, 0);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(new LearningRateSchedule(LearningRateSchedule.Decay.COSINE, 3e-3, 0.1, 0.1),
                1, 8, 1, 1.0, AdamW.Hyper.defaults(), 512, 0);
    }

    public double learningRate() {
        return schedule.peak();
    }

    public TrainingOptions withEpochs(int newEpochs) {
        return new TrainingOptions(schedule, newEpochs, batchSize, accumulation, maxGradNorm, adamW,
                maxSequenceLength, replayFraction);
    }
}
