package org.bioinstruct.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.lora.LoraSpec;

/**
 * Trains {@code warmup} then {@code steps} optimizer steps and prints the model manager's array count and the
 * process's VmRSS after each phase: {@code after-warmup <arrays> <kB>}, {@code after-steps <arrays> <kB>}.
 * {@link TrainingMemoryIT} runs it in a JVM whose heap is pre-touched, so RSS growth is native growth.
 */
public final class TrainingMemoryProbe {
    private TrainingMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        BaseModel base = BaseModels.createOrLoad(dir.resolve("base"), 7);
        // 4 examples, micro-batches of 2, accumulation 2, clipping: one optimizer step per epoch
        TrainingOptions options = new TrainingOptions(new LearningRateSchedule(LearningRateSchedule.Decay.COSINE,
                1e-3, 0.1, 0.1), warmup, 2, 2, 1.0, AdamW.Hyper.defaults(), 256, 0);
        var examples = TestShards.examples("m", 4);
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), 7)) {
            LoraTrainer trainer = new LoraTrainer(model, options);
            trainer.train(examples);
            report("after-warmup", model);
            int[] done = {0};
            for (int round = 1; done[0] < steps; round++) {
                trainer.train(examples, round, m -> done[0]++);
            }
            report("after-steps", model);
        }
    }

    private static void report(String phase, LanguageModel model) throws IOException {
        System.out.println(phase + " " + model.manager().getManagedArrays().size() + " " + residentKb());
    }

    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
