package org.bioinstruct.evaluator;

import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/** The evaluator's configuration, every key validated up front. */
public record EvaluatorSettings(
        String bootstrapServers,
        String registryUrl,
        Path dataDir,
        Path modelDir,
        long modelSeed,
        String groupId,
        String transactionalId,
        String runId,
        int maxExamples,
        int maxNewTokens,
        long pollMillis,
        TopicCatalogue topics,
        Map<String, String> kafkaOverrides) {

    public static final String MODEL_DIR = "evaluator.model.dir";
    public static final String MODEL_SEED = "evaluator.model.seed";
    public static final String GROUP_ID = "evaluator.group.id";
    public static final String TRANSACTIONAL_ID = "evaluator.transactional.id";
    public static final String MAX_EXAMPLES = "evaluator.max.examples";
    public static final String MAX_NEW_TOKENS = "evaluator.max.new.tokens";
    public static final String POLL_MS = "evaluator.poll.ms";

    public static EvaluatorSettings from(Settings s) {
        Path dataDir = Path.of(s.string(CommonKeys.DATA_DIR));
        String groupId = s.string(GROUP_ID, "bioinstruct-evaluator");
        return new EvaluatorSettings(
                s.string(CommonKeys.BOOTSTRAP_SERVERS),
                s.string(CommonKeys.SCHEMA_REGISTRY_URL),
                dataDir,
                Path.of(s.string(MODEL_DIR, dataDir.resolve("models/base").toString())),
                s.longValue(MODEL_SEED, 7, Long.MIN_VALUE, Long.MAX_VALUE),
                groupId,
                s.string(TRANSACTIONAL_ID, groupId + "-producer"),
                s.string(CommonKeys.RUN_ID, "default"),
                s.intValue(MAX_EXAMPLES, 24, 1, 100_000),
                s.intValue(MAX_NEW_TOKENS, 48, 1, 4096),
                s.longValue(POLL_MS, 500, 10, 60_000),
                TopicCatalogue.from(s),
                s.withPrefix(CommonKeys.KAFKA_PREFIX));
    }

    public Map<String, Object> serdeConfig() {
        return Map.of(CommonKeys.SCHEMA_REGISTRY_URL, registryUrl);
    }
}
