package org.bioinstruct.trainer;

import java.io.PrintStream;
import java.util.Locale;
import org.bioinstruct.trainer.training.StepMetrics;

/** One progress line on stderr every K optimizer steps and at each shard's last step. */
final class TrainingProgress {
    private final PrintStream out;
    private final int every;

    TrainingProgress(PrintStream out, int every) {
        this.out = out;
        this.every = every;
    }

    void show(int version, String shardId, StepMetrics step) {
        if (step.step() % every != 0 && step.step() != step.totalSteps()) {
            return;
        }
        out.println(line(version, shardId, step));
    }

    static String line(int version, String shardId, StepMetrics step) {
        return String.format(Locale.ROOT, "trainer v%d %s step %d/%d (global %d) loss %.4f lr %.2e tok/s %.0f |grad| %.3f",
                version, shardId, step.step(), step.totalSteps(), step.globalStep(), step.loss(), step.learningRate(),
                step.tokensPerSecond(), step.gradNorm());
    }
}
