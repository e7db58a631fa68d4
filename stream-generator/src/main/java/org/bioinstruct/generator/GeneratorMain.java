package org.bioinstruct.generator;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.config.StageArgs;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.bioinstruct.schemas.topics.OutputSchemas;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage entry point: produces {@code generator.count} RawInstructions to the raw topic and exits 0.
 * Exit 2 on invalid configuration, 1 when the registry does not accept the raw topic's value schema at start-up
 * (before any task is generated), when sending fails, or when the backend ran out before its first task (e.g. an
 * import whose every record was malformed: nothing useful was done). SIGTERM stops after the current record,
 * flushed.
 */
public final class GeneratorMain {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorMain.class);
    private static final int PREFETCH_BATCH = 100;
    private static final int PREFETCH_DEPTH = 4;

    private GeneratorMain() {
    }

    public static void main(String[] args) {
        GeneratorSettings config = StageArgs.parse(args, GeneratorSettings::from).orElse(null);
        if (config == null) {
            System.exit(StageArgs.INVALID_CONFIG_EXIT);
            return;
        }
        int exitCode = run(config);
        System.exit(exitCode);
    }

    static int run(GeneratorSettings config) {
        TopicSpec<String, RawInstruction> raw = config.topics().raw();
        try {
            OutputSchemas.registerAll(config.serdeConfig(), List.of(raw));
        } catch (OutputSchemaException e) {
            LOG.error(e.getMessage());
            return 1;
        }
        try (GenerationBackend backend = new PrefetchingBackend(config.createBackend(), PREFETCH_BATCH, PREFETCH_DEPTH,
                config.count())) {
            return run(config, raw, backend);
        }
    }

    private static int run(GeneratorSettings config, TopicSpec<String, RawInstruction> raw, GenerationBackend backend) {
        try {
            RawTopic.ensureExists(config.adminConfig(), raw, config.replicationFactor());
        } catch (Exception e) {
            LOG.error("cannot reach the broker at {} to check topic {}: {}", config.bootstrapServers(), raw.name(),
                    e.toString());
            return 1;
        }
        LOG.info("generating {} tasks with backend {} (seed {}) as run {} into {}", config.count(), backend.source(),
                config.seed(), config.runId(), raw.name());
        CountDownLatch done = new CountDownLatch(1);
        try (Producer<String, RawInstruction> producer = new KafkaProducer<>(config.producerConfig(),
                raw.keySerde(config.serdeConfig()).serializer(), raw.valueSerde(config.serdeConfig()).serializer())) {
            InstructionPublisher publisher = new InstructionPublisher(backend,
                    new RawInstructions(config.runId(), backend, Clock.systemUTC()), producer, raw.name());
            Thread hook = new Thread(() -> stopAndWait(publisher, done), "generator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            Progress progress = Progress.forConsole(config.count());
            long sent = publisher.publish(config.count(), new RatePacer(config.rate()), progress);
            if (publisher.failure() != null) {
                LOG.error("sending to {} failed: {}", raw.name(), publisher.failure().toString());
                return 1;
            }
            if (sent == 0 && !publisher.stopRequested()) {
                LOG.error("nothing was sent to {}: backend {} had no task to give{}", raw.name(), backend.source(),
                        backend.counters().isEmpty() ? "" : " (" + backend.counters() + ")");
                return 1;
            }
            LOG.info(String.format(Locale.ROOT, "done: %d records sent to %s in %.2f s (%.0f records/s, %.0f bytes/record)%s",
                    sent, raw.name(), progress.elapsedSeconds(), progress.ratePerSecond(sent),
                    producerMetric(producer, "record-size-avg"),
                    backend.counters().isEmpty() ? "" : "; " + backend.counters()));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            // the backend gave up (e.g. the LLM server kept failing, or a corpus file became unreadable)
            LOG.error("generation stopped: {}", e.getMessage());
            return 1;
        } finally {
            done.countDown();
        }
    }

    private static double producerMetric(Producer<?, ?> producer, String name) {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElse(Double.NaN);
    }

    private static void stopAndWait(InstructionPublisher publisher, CountDownLatch done) {
        publisher.requestStop();
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
