package org.bioinstruct.filter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.bioinstruct.filter.query.CountsServer;
import org.bioinstruct.filter.query.QuerySettings;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.KafkaSecurity;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.bioinstruct.schemas.topics.OutputSchemas;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter stage: a Kafka Streams application (exactly-once v2) from the raw topic to accepted,
 * rejected and the DLQ. {@code main} only wires; {@link #config} and {@link #buildTopology} are what
 * tests call. Exit 2 on invalid configuration, 1 if the registry does not accept the accepted or rejected
 * topic's value schema at start-up (before anything is consumed) or the streams client dies; SIGTERM closes it
 * cleanly.
 */
public final class FilterApp implements AutoCloseable {
    public static final String APPLICATION_ID = "filter.application.id";
    public static final String STATE_DIR = "filter.state.dir";
    public static final String COMMIT_INTERVAL_MS = "filter.commit.interval.ms";
    public static final String REPLICATION_FACTOR = "filter.replication.factor";
    public static final String THREADS = "filter.threads";
    public static final String SUMMARY_INTERVAL_MS = "filter.summary.interval.ms";
    public static final String LEAVE_GROUP_ON_CLOSE = "filter.leave.group.on.close";
    public static final String STATIC_MEMBERSHIP = "filter.static.membership";
    private static final Logger LOG = LoggerFactory.getLogger(FilterApp.class);

    private final Properties config;
    private final TopicCatalogue topics;
    private final FilterRules rules;
    private final NearDuplicateSettings nearDuplicates;
    private final Map<String, String> serdeConfig;
    private final QuerySettings query;
    private final long summaryIntervalMs;
    private final CloseOptions closeOptions;
    private final boolean staticMembership;
    private final FilterCounters counters = new FilterCounters();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService summaries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "filter-summary");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean died;
    private KafkaStreams streams;
    private CountsServer countsServer;

    /** Validates everything up front; throws {@link InvalidConfigException} naming the first bad key. */
    public FilterApp(Settings settings) {
        this.config = config(settings);
        this.serdeConfig = SerdeConfig.of(settings);
        this.topics = TopicCatalogue.from(settings);
        this.rules = FilterRules.from(settings);
        this.query = QuerySettings.from(settings);
        this.nearDuplicates = NearDuplicateSettings.from(settings);
        this.summaryIntervalMs = settings.longValue(SUMMARY_INTERVAL_MS, 5000, 100, 3_600_000);
        this.closeOptions = closeOptions(settings);
        this.staticMembership = settings.booleanValue(STATIC_MEMBERSHIP, true);
    }

    public static void main(String[] args) {
        FilterApp app;
        try {
            app = new FilterApp(Settings.fromArgs(args));
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "filter-shutdown"));
        boolean failed;
        try {
            app.start();
            failed = !app.awaitStop();
        } catch (OutputSchemaException e) {
            LOG.error(e.getMessage());
            failed = true;
        } catch (Exception e) {
            LOG.error("filter failed: {}", e.toString(), e);
            failed = true;
        }
        app.close();
        System.exit(failed ? 1 : 0);
    }

    /** The Kafka Streams configuration; throws {@link InvalidConfigException} naming a bad or missing key. */
    public static Properties config(Settings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(settings));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.string(CommonKeys.BOOTSTRAP_SERVERS));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(settings));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.longValue(COMMIT_INTERVAL_MS, 200, 10, 600_000));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor(settings));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.intValue(THREADS, 1, 1, 64));
        props.putAll(KafkaSecurity.clientProperties(settings.withPrefix(CommonKeys.KAFKA_PREFIX)));
        return props;
    }

    /** The Kafka Streams application id: the consumer group and the prefix of every internal topic. */
    public static String applicationId(Settings settings) {
        return settings.string(APPLICATION_ID, "bioinstruct-filter");
    }

    static int replicationFactor(Settings settings) {
        return settings.intValue(REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE);
    }

    public static Topology buildTopology(TopicCatalogue topics, Map<String, ?> serdeConfig, FilterRules rules) {
        return buildTopology(topics, serdeConfig, rules, NearDuplicateSettings.defaults(), new FilterCounters(),
                Clock.systemUTC());
    }

    public static Topology buildTopology(TopicCatalogue topics, Map<String, ?> serdeConfig, FilterRules rules,
                                         NearDuplicateSettings nearDuplicates, FilterCounters counters, Clock clock) {
        return new FilterTopology(topics, serdeConfig, rules, nearDuplicates, counters, clock).build();
    }

    /**
     * By default a cleanly stopped instance leaves the group, so its partitions (the duplicate checks' single one
     * above all) move at once instead of after the session timeout, and a restart, the reset tool or
     * {@link DedupStateSeeder} need not wait; {@code false} keeps Kafka Streams' own default (stay, for rolling
     * restarts that keep each instance's tasks where their state is).
     */
    static CloseOptions closeOptions(Settings settings) {
        return CloseOptions.groupMembershipOperation(settings.booleanValue(LEAVE_GROUP_ON_CLOSE, true)
                ? GroupMembershipOperation.LEAVE_GROUP : GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(Duration.ofSeconds(30));
    }

    private static String stateDir(Settings settings) {
        if (settings.has(STATE_DIR)) {
            return settings.string(STATE_DIR);
        }
        if (!settings.has(CommonKeys.DATA_DIR)) {
            throw new InvalidConfigException(CommonKeys.DATA_DIR, null, "required (or set " + STATE_DIR + ")");
        }
        return Path.of(settings.string(CommonKeys.DATA_DIR), "filter-state").toString();
    }

    /**
     * Checks the output value schemas with the registry, creates missing topics and starts processing; returns
     * once the streams client is starting. Throws {@link OutputSchemaException} if a schema is not accepted.
     */
    public synchronized void start() throws Exception {
        OutputSchemas.registerAll(serdeConfig, List.of(topics.accepted(), topics.rejected()));
        // the repartition topic's schema too, so a registry that refuses it fails the start, not the first task
        String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        OutputSchemas.register(serdeConfig, FilterTopology.dedupTopic(applicationId), RawInstruction.class);
        FilterTopics.ensureExist(adminConfig(), List.of(topics.raw(), topics.accepted(), topics.rejected(), topics.dlq()),
                Short.parseShort(config.get(StreamsConfig.REPLICATION_FACTOR_CONFIG).toString()));
        if (staticMembership) {
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    GroupInstanceId.of(Path.of(config.getProperty(StreamsConfig.STATE_DIR_CONFIG))));
        }
        if (query.enabled()) {
            countsServer = CountsServer.start(query);
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, countsServer.applicationServer());
            LOG.info("counts queryable at http://{}/counts", countsServer.applicationServer());
        }
        streams = new KafkaStreams(buildTopology(topics, serdeConfig, rules, nearDuplicates, counters,
                Clock.systemUTC()), config);
        if (countsServer != null) {
            countsServer.attach(streams);
        }
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed, shutting the filter down: {}", e.toString(), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("filter state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                died |= now == KafkaStreams.State.ERROR;
                stopped.countDown();
            }
        });
        streams.start();
        AtomicLong lastLogged = new AtomicLong(-1);
        IndexCapacity capacity = new IndexCapacity(Runtime.getRuntime().maxMemory());
        summaries.scheduleAtFixedRate(() -> {
            if (lastLogged.getAndSet(counters.total()) != counters.total()) {
                LOG.info("filter summary: {}", counters.summary());
            }
            capacity.check(counters.indexedTasks(), counters.indexBytes()).ifPresent(LOG::warn);
        }, summaryIntervalMs, summaryIntervalMs, TimeUnit.MILLISECONDS);
        LOG.info("filter started: {} -> {}, {} (dlq {}), application.id {}, group.instance.id {}",
                topics.raw().name(), topics.accepted().name(), topics.rejected().name(), topics.dlq().name(),
                config.get(StreamsConfig.APPLICATION_ID_CONFIG),
                config.getOrDefault(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "none (dynamic membership)"));
    }

    /** Blocks until the filter is closed or its streams client dies; false if it died. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return !died;
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    public FilterCounters counters() {
        return counters;
    }

    /** Commits and closes the streams client; safe to call more than once. */
    @Override
    public synchronized void close() {
        summaries.shutdownNow();
        if (countsServer != null) {
            countsServer.close();
            countsServer = null;
        }
        if (streams != null) {
            streams.close(closeOptions);
            LOG.info("filter stopped: {}", counters.summary());
            streams = null;
        }
        stopped.countDown();
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> admin = new HashMap<>();
        config.forEach((k, v) -> admin.put(k.toString(), v));
        admin.keySet().retainAll(AdminClientConfig.configNames());
        return admin;
    }
}
