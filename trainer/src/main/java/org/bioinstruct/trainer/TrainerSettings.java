package org.bioinstruct.trainer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.trainer.model.LoraSpec;
import org.bioinstruct.trainer.training.TrainingOptions;

/** The trainer's configuration, every key validated up front. */
public record TrainerSettings(
        String bootstrapServers,
        String registryUrl,
        Path dataDir,
        Path modelDir,
        Path adaptersDir,
        long seed,
        String groupId,
        String transactionalId,
        String runId,
        int metricsEvery,
        long pollMillis,
        LoraSpec lora,
        TrainingOptions training,
        TopicCatalogue topics,
        Map<String, String> kafkaOverrides) {

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
    public static final String LEARNING_RATE = "trainer.learning.rate";
    public static final String STEPS_PER_SHARD = "trainer.steps.per.shard";
    public static final String BATCH_SIZE = "trainer.batch.size";

    public static TrainerSettings from(Settings s) {
        Path dataDir = Path.of(s.string(CommonKeys.DATA_DIR));
        String groupId = s.string(GROUP_ID, "bioinstruct-trainer");
        return new TrainerSettings(
                s.string(CommonKeys.BOOTSTRAP_SERVERS),
                s.string(CommonKeys.SCHEMA_REGISTRY_URL),
                dataDir,
                Path.of(s.string(MODEL_DIR, dataDir.resolve("models/base").toString())),
                Path.of(s.string(ADAPTERS_DIR, dataDir.resolve("adapters").toString())),
                s.longValue(SEED, 7, Long.MIN_VALUE, Long.MAX_VALUE),
                groupId,
                s.string(TRANSACTIONAL_ID, groupId + "-producer"),
                s.string(CommonKeys.RUN_ID, "default"),
                s.intValue(METRICS_EVERY, 2, 1, 1_000_000),
                s.longValue(POLL_MS, 500, 10, 60_000),
                lora(s),
                new TrainingOptions(s.doubleValue(LEARNING_RATE, 3e-3, 1e-8, 10),
                        s.intValue(STEPS_PER_SHARD, 8, 1, 1_000_000),
                        s.intValue(BATCH_SIZE, 8, 1, 4096)),
                TopicCatalogue.from(s),
                s.withPrefix(CommonKeys.KAFKA_PREFIX));
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
        return new LoraSpec(r, alpha, targets);
    }

    /** Serde configuration for the Avro topics. */
    public Map<String, Object> serdeConfig() {
        return Map.of(CommonKeys.SCHEMA_REGISTRY_URL, registryUrl);
    }
}
