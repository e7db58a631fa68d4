package org.bioinstruct.filter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.StreamsConfig;
import org.bioinstruct.filter.query.QuerySettings;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.KafkaSecurity;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageScoped;
import org.bioinstruct.schemas.config.StageSettings;

/** The filter's configuration, every key validated up front; a bad value names its key. */
public record FilterSettings(
        StageSettings stage,
        String applicationId,
        String stateDir,
        long commitIntervalMs,
        int replicationFactor,
        int threads,
        long summaryIntervalMs,
        boolean leaveGroupOnClose,
        boolean staticMembership,
        FilterRules rules,
        NearDuplicateSettings nearDuplicates,
        QuerySettings query) implements StageScoped {

    public static final String APPLICATION_ID = "filter.application.id";
    public static final String STATE_DIR = "filter.state.dir";
    public static final String COMMIT_INTERVAL_MS = "filter.commit.interval.ms";
    public static final String REPLICATION_FACTOR = "filter.replication.factor";
    public static final String THREADS = "filter.threads";
    public static final String SUMMARY_INTERVAL_MS = "filter.summary.interval.ms";
    public static final String LEAVE_GROUP_ON_CLOSE = "filter.leave.group.on.close";
    public static final String STATIC_MEMBERSHIP = "filter.static.membership";

    /** Throws {@link InvalidConfigException} naming the first bad or missing key. */
    public static FilterSettings from(Settings settings) {
        StageSettings stage = StageSettings.from(settings);
        return new FilterSettings(
                stage,
                applicationId(settings),
                settings.has(STATE_DIR) ? settings.string(STATE_DIR)
                        : stage.requiredDataDir(STATE_DIR).resolve("filter-state").toString(),
                settings.longValue(COMMIT_INTERVAL_MS, 200, 10, 600_000),
                replicationFactor(settings),
                settings.intValue(THREADS, 1, 1, 64),
                settings.longValue(SUMMARY_INTERVAL_MS, 5000, 100, 3_600_000),
                settings.booleanValue(LEAVE_GROUP_ON_CLOSE, true),
                settings.booleanValue(STATIC_MEMBERSHIP, true),
                FilterRules.from(settings),
                NearDuplicateSettings.from(settings),
                QuerySettings.from(settings));
    }

    /** The Kafka Streams application id: the consumer group and the prefix of every internal topic. */
    public static String applicationId(Settings settings) {
        return settings.string(APPLICATION_ID, "bioinstruct-filter");
    }

    static int replicationFactor(Settings settings) {
        return settings.intValue(REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE);
    }

    /** The Kafka Streams configuration (exactly-once v2), a new copy each call. */
    public Properties streamsConfig() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.putAll(KafkaSecurity.clientProperties(kafkaOverrides()));
        return props;
    }

    /**
     * By default a cleanly stopped instance leaves the group, so its partitions (the duplicate checks' single one
     * above all) move at once instead of after the session timeout, and a restart, the reset tool or
     * {@link DedupStateSeeder} need not wait; {@code false} keeps Kafka Streams' own default (stay, for rolling
     * restarts that keep each instance's tasks where their state is).
     */
    public CloseOptions closeOptions() {
        return CloseOptions.groupMembershipOperation(leaveGroupOnClose
                ? GroupMembershipOperation.LEAVE_GROUP : GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(Duration.ofSeconds(30));
    }

    /** Where the filter keeps its local state (also what its static group.instance.id derives from). */
    public Path stateDirPath() {
        return Path.of(stateDir);
    }
}
