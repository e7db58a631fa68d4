package org.bioinstruct.trainer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageScoped;
import org.bioinstruct.schemas.config.StageSettings;
import org.bioinstruct.trainer.training.AdamW;
import org.bioinstruct.trainer.training.LearningRateSchedule;
import org.bioinstruct.trainer.training.TrainingOptions;

/** The trainer's configuration, every key validated up front. */
public record TrainerSettings(
        StageSettings stage,
        Path modelDir,
        Path adaptersDir,
        long seed,
        String groupId,
        String transactionalId,
        int metricsEvery,
        long pollMillis,
        LoraSpec lora,
        TrainingOptions training) implements StageScoped {

    public static final String MODEL_DIR = "trainer.model.dir";
    public static final String ADAPTERS_DIR = "trainer.adapters.dir";
    public static final String SEED = "trainer.seed";
    public static final String GROUP_ID = "trainer.group.id";
    public static final String TRANSACTIONAL_ID = "trainer.transactional.id";
    public static final String METRICS_EVERY = "trainer.metrics.every";
    public static final String POLL_MS = "trainer.poll.ms";
    public static final String LORA_R = "trainer.lora.r";
    public static final String LORA_ALPHA = "trainer.lora.alpha";
    public static final String LORA_TARGETS = "trainer.lora.targets";
    public static final String LORA_DROPOUT = "trainer.lora.dropout";
    public static final String LEARNING_RATE = "trainer.learning.rate";
    public static final String LR_SCHEDULE = "trainer.lr.schedule";
    public static final String LR_WARMUP_FRACTION = "trainer.lr.warmup.fraction";
    public static final String LR_MIN_RATIO = "trainer.lr.min.ratio";
    public static final String EPOCHS = "trainer.epochs";
    public static final String BATCH_SIZE = "trainer.batch.size";
    public static final String GRAD_ACCUMULATION = "trainer.grad.accumulation";
    public static final String GRAD_CLIP_NORM = "trainer.grad.clip.norm";
    public static final String ADAMW_BETA1 = "trainer.adamw.beta1";
    public static final String ADAMW_BETA2 = "trainer.adamw.beta2";
    public static final String ADAMW_EPSILON = "trainer.adamw.epsilon";
    public static final String ADAMW_WEIGHT_DECAY = "trainer.adamw.weight.decay";
    public static final String MAX_SEQ_LENGTH = "trainer.max.seq.length";
    public static final String REPLAY_FRACTION = "trainer.replay.fraction";
    /** Replaced by {@link #EPOCHS}; rejected so an old configuration does not silently change meaning. */
    public static final String STEPS_PER_SHARD = "trainer.steps.per.shard";

    public static TrainerSettings from(Settings s) {
        StageSettings stage = StageSettings.from(s);
        Path dataDir = stage.requiredDataDir();
        String groupId = s.string(GROUP_ID, "bioinstruct-trainer");
        return new TrainerSettings(
                stage,
                Path.of(s.string(MODEL_DIR, dataDir.resolve("models/base").toString())),
                Path.of(s.string(ADAPTERS_DIR, dataDir.resolve("adapters").toString())),
                s.longValue(SEED, 7, Long.MIN_VALUE, Long.MAX_VALUE),
                groupId,
                s.string(TRANSACTIONAL_ID, groupId + "-producer"),
                s.intValue(METRICS_EVERY, 2, 1, 1_000_000),
                s.longValue(POLL_MS, 500, 10, 60_000),
                lora(s),
                training(s));
    }

    private static TrainingOptions training(Settings s) {
        if (s.has(STEPS_PER_SHARD)) {
            throw new InvalidConfigException(STEPS_PER_SHARD, s.string(STEPS_PER_SHARD),
                    "no longer supported: each shard is trained for " + EPOCHS + " epochs");
        }
        return new TrainingOptions(schedule(s),
                s.intValue(EPOCHS, 1, 1, 10_000),
                s.intValue(BATCH_SIZE, 8, 1, 4096),
                s.intValue(GRAD_ACCUMULATION, 1, 1, 4096),
                s.doubleValue(GRAD_CLIP_NORM, 1.0, 0, 1e6),
                new AdamW.Hyper(s.doubleValue(ADAMW_BETA1, 0.9, 0, 0.999999),
                        s.doubleValue(ADAMW_BETA2, 0.999, 0, 0.999999),
                        s.doubleValue(ADAMW_EPSILON, 1e-8, 1e-12, 1),
                        s.doubleValue(ADAMW_WEIGHT_DECAY, 0.0, 0, 10)),
                s.intValue(MAX_SEQ_LENGTH, 512, 2, 1_000_000),
                s.doubleValue(REPLAY_FRACTION, 0.0, 0, 10));
    }

    private static LearningRateSchedule schedule(Settings s) {
        String decay = s.string(LR_SCHEDULE, "cosine");
        LearningRateSchedule.Decay parsed;
        try {
            parsed = LearningRateSchedule.Decay.parse(decay);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(LR_SCHEDULE, decay, "must be one of constant, linear, cosine");
        }
        return new LearningRateSchedule(parsed, s.doubleValue(LEARNING_RATE, 3e-3, 1e-8, 10),
                s.doubleValue(LR_WARMUP_FRACTION, 0.1, 0, 0.99), s.doubleValue(LR_MIN_RATIO, 0.1, 0, 1));
    }

    private static LoraSpec lora(Settings s) {
        int r = s.intValue(LORA_R, 8, 1, 4096);
        double alpha = s.doubleValue(LORA_ALPHA, 16, 1e-6, 1e6);
        List<String> targets = Arrays.stream(s.string(LORA_TARGETS, "q_proj,v_proj").split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
        if (targets.isEmpty() || !LoraSpec.PROJECTIONS.containsAll(targets)) {
            throw new InvalidConfigException(LORA_TARGETS, String.join(",", targets),
                    "must be a comma-separated subset of " + LoraSpec.PROJECTIONS);
        }
        return new LoraSpec(r, alpha, s.doubleValue(LORA_DROPOUT, 0.05, 0, 0.95), targets);
    }
}
