package org.bioinstruct.shards;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/** Every setting of the shard builder, read and validated once at start-up. */
public record ShardBuilderConfig(
        String bootstrapServers,
        String registryUrl,
        String acceptedTopic,
        String shardsTopic,
        String dlqTopic,
        String groupId,
        double evalFraction,
        int shardSize,
        long maxAgeMs,
        Path shardsDir,
        Path checkpointDir,
        long checkpointIntervalMs,
        int parallelism,
        String transactionalIdPrefix,
        int transactionTimeoutMs,
        boolean restore,
        Map<String, String> kafkaProperties) {

    public static final String GROUP_ID = "shards.group.id";
    public static final String EVAL_FRACTION = "shards.eval.fraction";
    public static final String SIZE = "shards.size";
    public static final String MAX_AGE_MS = "shards.max.age.ms";
    public static final String DIR = "shards.dir";
    public static final String CHECKPOINT_DIR = "shards.checkpoint.dir";
    public static final String CHECKPOINT_INTERVAL_MS = "shards.checkpoint.interval.ms";
    public static final String PARALLELISM = "shards.parallelism";
    public static final String TRANSACTIONAL_ID_PREFIX = "shards.transactional.id.prefix";
    /** Must not exceed the brokers' transaction.max.timeout.ms (15 min by default). */
    public static final String TRANSACTION_TIMEOUT_MS = "shards.transaction.timeout.ms";
    public static final String RESTORE = "shards.restore";

    public ShardBuilderConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    public static ShardBuilderConfig from(Settings settings) {
        TopicCatalogue topics = TopicCatalogue.from(settings);
        return new ShardBuilderConfig(
                settings.string(CommonKeys.BOOTSTRAP_SERVERS),
                settings.string(CommonKeys.SCHEMA_REGISTRY_URL),
                topics.accepted().name(),
                topics.shardsReady().name(),
                topics.dlq().name(),
                settings.string(GROUP_ID, "bioinstruct-shard-builder"),
                settings.doubleValue(EVAL_FRACTION, 0.1, 0.0, 1.0),
                settings.intValue(SIZE, 64, 1, 1_000_000),
                settings.longValue(MAX_AGE_MS, 3_000, 10, 86_400_000),
                directory(settings, DIR, "shards"),
                directory(settings, CHECKPOINT_DIR, "flink-checkpoints"),
                settings.longValue(CHECKPOINT_INTERVAL_MS, 2_000, 100, 3_600_000),
                settings.intValue(PARALLELISM, 1, 1, 256),
                settings.string(TRANSACTIONAL_ID_PREFIX, "bioinstruct-shards"),
                settings.intValue(TRANSACTION_TIMEOUT_MS, 600_000, 1_000, 86_400_000),
                settings.booleanValue(RESTORE, true),
                new TreeMap<>(settings.withPrefix(CommonKeys.KAFKA_PREFIX)));
    }

    /** {@code key} if set, else {@code <data.dir>/<child>}; data.dir is then required. */
    private static Path directory(Settings settings, String key, String child) {
        if (settings.has(key)) {
            return Path.of(settings.string(key)).toAbsolutePath();
        }
        if (!settings.has(CommonKeys.DATA_DIR)) {
            throw new InvalidConfigException(CommonKeys.DATA_DIR, null,
                    "required unless both " + DIR + " and " + CHECKPOINT_DIR + " are set");
        }
        return Path.of(settings.string(CommonKeys.DATA_DIR)).resolve(child).toAbsolutePath();
    }
}
