package org.bioinstruct.filter;

import java.time.Clock;
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
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.bioinstruct.filter.query.CountsServer;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.bioinstruct.schemas.topics.OutputSchemas;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter stage: a Kafka Streams application (exactly-once v2) from the raw topic to accepted,
 * rejected and the DLQ. {@link FilterMain} starts it; {@link #buildTopology} is what topology tests call.
 * {@link #start} fails if the registry does not accept the accepted or rejected topic's value schema (before
 * anything is consumed); {@link #awaitStop} tells whether the streams client died.
 */
public final class FilterApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilterApp.class);

    private final FilterSettings settings;
    private final Properties config;
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

    public FilterApp(FilterSettings settings) {
        this.settings = settings;
        this.config = settings.streamsConfig();
    }

    /** Validates everything up front; throws {@link InvalidConfigException} naming the first bad key. */
    public FilterApp(Settings settings) {
        this(FilterSettings.from(settings));
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
     * Checks the output value schemas with the registry, creates missing topics and starts processing; returns
     * once the streams client is starting. Throws {@link OutputSchemaException} if a schema is not accepted.
     */
    public synchronized void start() throws Exception {
        TopicCatalogue topics = settings.topics();
        OutputSchemas.registerAll(settings.serdeConfig(), List.of(topics.accepted(), topics.rejected()));
        // the repartition topic's schema too, so a registry that refuses it fails the start, not the first task
        OutputSchemas.register(settings.serdeConfig(), FilterTopology.dedupTopic(settings.applicationId()),
                RawInstruction.class);
        FilterTopics.ensureExist(adminConfig(), List.of(topics.raw(), topics.accepted(), topics.rejected(), topics.dlq()),
                (short) settings.replicationFactor());
        if (settings.staticMembership()) {
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, GroupInstanceId.of(settings.stateDirPath()));
        }
        if (settings.query().enabled()) {
            countsServer = CountsServer.start(settings.query());
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, countsServer.applicationServer());
            LOG.info("counts queryable at http://{}/counts", countsServer.applicationServer());
        }
        streams = new KafkaStreams(buildTopology(topics, settings.serdeConfig(), settings.rules(), settings.nearDuplicates(),
                counters, Clock.systemUTC()), config);
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
        }, settings.summaryIntervalMs(), settings.summaryIntervalMs(), TimeUnit.MILLISECONDS);
        LOG.info("filter started: {} -> {}, {} (dlq {}), application.id {}, group.instance.id {}",
                topics.raw().name(), topics.accepted().name(), topics.rejected().name(), topics.dlq().name(),
                settings.applicationId(),
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
            streams.close(settings.closeOptions());
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
