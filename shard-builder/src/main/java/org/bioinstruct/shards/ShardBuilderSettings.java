package org.bioinstruct.shards;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageScoped;
import org.bioinstruct.schemas.config.StageSettings;
import org.bioinstruct.schemas.split.ShardSelection;
import org.bioinstruct.schemas.split.SplitAssigner;

/** Every setting of the shard builder, read and validated once at start-up; a bad value names its key. */
public record ShardBuilderSettings(
        StageSettings stage,
        String groupId,
        double evalFraction,
        Map<String, Double> categoryEvalFractions,
        int shardSize,
        long maxAgeMs,
        String storeUri,
        ShardFormat format,
        Compression compression,
        Batching batching,
        List<String> categories,
        CategoryMixture mixture,
        String checkpointUri,
        long checkpointIntervalMs,
        int parallelism,
        String transactionalIdPrefix,
        int transactionTimeoutMs,
        boolean restore) implements StageScoped {

    public static final String GROUP_ID = "shards.group.id";
    public static final String EVAL_FRACTION = ShardSelection.EVAL_FRACTION;
    /** {@code shards.eval.fraction.QA=0.2} overrides the eval fraction of one category. */
    public static final String CATEGORY_EVAL_FRACTION_PREFIX = ShardSelection.CATEGORY_EVAL_FRACTION_PREFIX;
    public static final String SIZE = "shards.size";
    public static final String MAX_AGE_MS = "shards.max.age.ms";
    public static final String DIR = "shards.dir";
    /** Any Flink file system URI ({@code file:///...}, {@code s3://bucket/prefix}); default file:// of shards.dir. */
    public static final String STORE_URI = "shards.store.uri";
    public static final String FORMAT = "shards.format";
    public static final String COMPRESSION = "shards.compression";
    public static final String BATCHING = "shards.batching";
    public static final String CATEGORIES = ShardSelection.CATEGORIES;
    public static final String MIXTURE = ShardSelection.MIXTURE;
    public static final String CHECKPOINT_DIR = "shards.checkpoint.dir";
    public static final String CHECKPOINT_INTERVAL_MS = "shards.checkpoint.interval.ms";
    public static final String PARALLELISM = "shards.parallelism";
    public static final String TRANSACTIONAL_ID_PREFIX = "shards.transactional.id.prefix";
    /** Must not exceed the brokers' transaction.max.timeout.ms (15 min by default). */
    public static final String TRANSACTION_TIMEOUT_MS = "shards.transaction.timeout.ms";
    public static final String RESTORE = "shards.restore";

    static final List<String> ALL_CATEGORIES = ShardSelection.ALL_CATEGORIES;

    public ShardBuilderSettings {
        categoryEvalFractions = Map.copyOf(categoryEvalFractions);
        categories = List.copyOf(categories);
    }

    public static ShardBuilderSettings from(Settings settings) {
        StageSettings stage = StageSettings.from(settings);
        Batching batching = parsed(settings, BATCHING, "mixed", Batching::parse);
        CategoryMixture mixture = settings.has(MIXTURE)
                ? parsed(settings, MIXTURE, "", v -> CategoryMixture.parse(v, Set.copyOf(ALL_CATEGORIES)))
                : CategoryMixture.none();
        int shardSize = settings.intValue(SIZE, 64, 1, 1_000_000);
        checkMixture(mixture, batching, shardSize, settings);
        ShardSelection selection = ShardSelection.from(settings);
        return new ShardBuilderSettings(
                stage,
                settings.string(GROUP_ID, "bioinstruct-shard-builder"),
                selection.splits().evalFraction(),
                selection.splits().categoryEvalFractions(),
                shardSize,
                settings.longValue(MAX_AGE_MS, 3_000, 10, 86_400_000),
                storeUri(settings, stage),
                parsed(settings, FORMAT, "jsonl", ShardFormat::parse),
                parsed(settings, COMPRESSION, "none", Compression::parse),
                batching,
                selection.trainingCategories(),
                mixture,
                checkpointUri(settings, stage),
                settings.longValue(CHECKPOINT_INTERVAL_MS, 2_000, 100, 3_600_000),
                settings.intValue(PARALLELISM, 1, 1, 256),
                settings.string(TRANSACTIONAL_ID_PREFIX, "bioinstruct-shards"),
                settings.intValue(TRANSACTION_TIMEOUT_MS, 600_000, 1_000, 86_400_000),
                settings.booleanValue(RESTORE, true));
    }

    public String acceptedTopic() {
        return topics().accepted().name();
    }

    public String shardsTopic() {
        return topics().shardsReady().name();
    }

    public String dlqTopic() {
        return topics().dlq().name();
    }

    /** The checkpoint directory on this machine, when it is a local one (embedded mode resumes from it). */
    public Optional<Path> localCheckpointDir() {
        URI uri = URI.create(checkpointUri);
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    public SplitAssigner splitAssigner() {
        return new SplitAssigner(evalFraction, categoryEvalFractions);
    }

    /** Which examples go into shards: the split plus the training categories. */
    public ShardSelection shardSelection() {
        return new ShardSelection(splitAssigner(), categories);
    }

    /** What the batching operator needs, in one serializable value. */
    public ShardSpec shardSpec() {
        return new ShardSpec(storeUri, format, compression, shardSize, maxAgeMs,
                mixture.isEmpty() ? Map.of() : mixture.quotas(shardSize), ShardKeys.all(batching, categories));
    }

    private static <T> T parsed(Settings settings, String key, String defaultValue, Function<String, T> parser) {
        String value = settings.string(key, defaultValue);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, value, e.getMessage() == null || e.getMessage().startsWith("No enum")
                    ? "not one of the allowed values" : e.getMessage());
        }
    }

    private static void checkMixture(CategoryMixture mixture, Batching batching, int shardSize, Settings settings) {
        if (mixture.isEmpty()) {
            return;
        }
        if (batching != Batching.MIXED) {
            throw new InvalidConfigException(MIXTURE, settings.string(MIXTURE),
                    "a mixture needs " + BATCHING + "=mixed");
        }
        try {
            mixture.quotas(shardSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(MIXTURE, settings.string(MIXTURE), e.getMessage()
                    + "; raise " + SIZE + " or that weight");
        }
    }

    private static String storeUri(Settings settings, StageSettings stage) {
        if (settings.has(STORE_URI)) {
            return absoluteUri(settings, STORE_URI);
        }
        return directory(settings, stage, DIR, "shards");
    }

    private static String checkpointUri(Settings settings, StageSettings stage) {
        String value = settings.string(CHECKPOINT_DIR, "");
        if (value.contains("://")) {
            return absoluteUri(settings, CHECKPOINT_DIR);
        }
        return directory(settings, stage, CHECKPOINT_DIR, "flink-checkpoints");
    }

    private static String absoluteUri(Settings settings, String key) {
        String value = settings.string(key);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw new InvalidConfigException(key, value,
                        "must be an absolute URI such as file:///data/shards or s3://bucket/shards");
            }
            return stripTrailingSlash(uri.toString());
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(key, value, "not a URI: " + e.getMessage());
        }
    }

    /** {@code key} as a local path if set, else {@code <data.dir>/<child>}; data.dir is then required. */
    private static String directory(Settings settings, StageSettings stage, String key, String child) {
        Path path = settings.has(key) ? Path.of(settings.string(key))
                : stage.dataDir().orElseThrow(() -> new InvalidConfigException(CommonKeys.DATA_DIR, null,
                        "required unless " + key + " is set")).resolve(child);
        return stripTrailingSlash(path.toAbsolutePath().normalize().toUri().toString());
    }

    private static String stripTrailingSlash(String uri) {
        return uri.endsWith("/") && !uri.endsWith(":///") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
