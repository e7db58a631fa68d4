package org.bioinstruct.trainer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.tokenizer.PromptFormat.TokenSequence;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.trainer.training.AdamW;
import org.bioinstruct.trainer.training.LearningRateSchedule;
import org.bioinstruct.trainer.training.LoraTrainer;
import org.bioinstruct.trainer.training.TrainingOptions;
import org.bioinstruct.trainer.training.TrainingResult;

/**
 * LoRA training throughput on the project's tiny model: {@code steps} optimizer steps (after {@code warmup}) on
 * one fixed batch of {@code batch} sequences of {@code seq} tokens, loss on every token, LoRA r 8, alpha 16,
 * dropout 0.05 on q_proj and v_proj, AdamW at a constant 3e-3, clipping at 1. The token ids follow the formula
 * {@code trainer/bench/torch_lora_bench.py} uses, so both run the same batch. Prints one JSON line: median
 * step wall time and tokens/s, the same from the training thread's CPU time (steadier on a shared machine; with
 * one torch thread every op runs on the calling thread) and peak RSS (VmHWM). Run by
 * {@code trainer/bench/run.sh}.
 */
public final class TrainingBench {
    private TrainingBench() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromArgs(args);
        Path modelDir = Path.of(s.string("model.dir"));
        int batch = s.intValue("batch", 8, 1, 4096);
        int seq = s.intValue("seq", 128, 2, 1 << 20);
        int steps = s.intValue("steps", 30, 1, 100_000);
        int warmup = s.intValue("warmup", 5, 0, 100_000);

        BaseModel base = BaseModels.createOrLoad(modelDir, 7);
        LoraSpec lora = new LoraSpec(8, 16, 0.05, List.of("q_proj", "v_proj"));
        TrainingOptions options = new TrainingOptions(LearningRateSchedule.constant(3e-3), 1, batch, 1, 1.0,
                AdamW.Hyper.defaults(), seq, 0);
        List<TokenSequence> sequences = fixedBatch(batch, seq, base.config().vocabSize());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        double lastLoss;
        try (LanguageModel model = LanguageModel.create(base, lora, 7)) {
            LoraTrainer trainer = new LoraTrainer(model, options);
            TrainingResult result = null;
            for (int step = 0; step < warmup + steps; step++) {
                long wall0 = System.nanoTime();
                long cpu0 = threads.getCurrentThreadCpuTime();
                result = trainer.trainTokens(sequences, step, m -> { });
                if (step >= warmup) {
                    cpu.add((threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
                    wall.add((System.nanoTime() - wall0) / 1e9);
                }
            }
            lastLoss = result.lastLoss();
        }
        double median = median(wall);
        double medianCpu = median(cpu);
        System.out.println(String.format(Locale.ROOT,
                "{\"impl\": \"%s\", \"threads\": %s, \"batch\": %d, \"seq\": %d, \"steps\": %d, "
                        + "\"median_step_ms\": %.3f, \"tokens_per_s\": %.1f, \"median_cpu_ms\": %.3f, "
                        + "\"cpu_tokens_per_s\": %.1f, \"peak_rss_mb\": %.1f, \"last_loss\": %.4f}",
                System.getProperty("bench.impl", "djl"), System.getProperty("ai.djl.pytorch.num_threads", "default"), batch, seq, steps, median * 1000,
                batch * seq / median, medianCpu * 1000, batch * seq / medianCpu, peakRssKb() / 1024.0, lastLoss));
    }

    /** Row r, position t: {@code (r * 7919 + t * 104729 + 13) % vocab}; seq + 1 tokens give seq inputs and targets. */
    static List<TokenSequence> fixedBatch(int batch, int seq, int vocab) {
        List<TokenSequence> rows = new ArrayList<>();
        for (int r = 0; r < batch; r++) {
            int[] ids = new int[seq + 1];
            for (int t = 0; t <= seq; t++) {
                ids[t] = (int) (((long) r * 7919 + (long) t * 104729 + 13) % vocab);
            }
            rows.add(new TokenSequence(ids, 1));
        }
        return rows;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static long peakRssKb() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
