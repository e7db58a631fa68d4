package org.bioinstruct.infra.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable log: a single-partition compacted Kafka topic, created if missing. Appends wait
 * for acks=all; replay reads from the beginning to the end offset taken when it starts.
 */
public final class KafkaSchemaLog implements SchemaLog {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final int MAX_REPLICATION = 3;

    private final RegistrySettings config;
    private final TopicPartition partition;
    private final LogCodec codec = new LogCodec();
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaSchemaLog(RegistrySettings config) {
        this.config = config;
        this.partition = new TopicPartition(config.topic(), 0);
        this.producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Connects, creating the topic when it does not exist yet. */
    public static KafkaSchemaLog open(RegistrySettings config) {
        ensureTopic(config);
        return new KafkaSchemaLog(config);
    }

    private static void ensureTopic(RegistrySettings config) {
        Map<String, Object> adminConfig = new HashMap<>(clientBase(config));
        adminConfig.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis());
        adminConfig.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis());
        long timeoutMs = config.kafkaTimeout().toMillis();
        try (Admin admin = Admin.create(adminConfig)) {
            Optional<TopicDescription> existing = describe(admin, config.topic(), timeoutMs);
            if (existing.isPresent()) {
                int partitions = existing.get().partitions().size();
                if (partitions != 1) {
                    throw new IllegalStateException("schemas topic '" + config.topic() + "' has " + partitions
                            + " partitions; the registry needs exactly 1");
                }
                return;
            }
            int brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
            NewTopic topic = new NewTopic(config.topic(), 1, replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                LOG.info("created schemas topic {} (compacted, 1 partition, replication {})", config.topic(), replication);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot prepare schemas topic '" + config.topic() + "' at "
                    + config.bootstrapServers() + ": " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted preparing schemas topic", e);
        }
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic, long timeoutMs)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void replay(Consumer<StoreEvent> apply) {
        long deadline = System.nanoTime() + config.kafkaTimeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), config.kafkaTimeout()).get(partition);
            long applied = 0;
            while (consumer.position(partition, config.kafkaTimeout()) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay of '" + config.topic() + "' did not reach offset "
                            + end + " within " + config.kafkaTimeout());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    applied += applyRecord(record, apply);
                }
            }
            LOG.info("replayed {} changes from {} up to offset {}", applied, config.topic(), end);
        }
    }

    private int applyRecord(ConsumerRecord<byte[], byte[]> record, Consumer<StoreEvent> apply) {
        try {
            Optional<StoreEvent> event = codec.decode(record.key(), record.value());
            event.ifPresent(apply);
            return event.isPresent() ? 1 : 0;
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping unreadable record at {}-{} offset {}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return 0;
        }
    }

    @Override
    public void append(StoreEvent event) {
        LogCodec.Entry entry = codec.encode(event);
        try {
            producer.send(new ProducerRecord<>(config.topic(), 0, entry.key(), entry.value()))
                    .get(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw RegistryError.storeError("cannot write to '" + config.topic() + "': " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted writing to '" + config.topic() + "'", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.kafkaTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer");
        props.putAll(clientBase(config));
        return props;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-replay");
        props.putAll(clientBase(config));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }

    private static Map<String, Object> clientBase(RegistrySettings config) {
        return KafkaClientConfigs.client(config.bootstrapServers(), config.kafkaOverrides());
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
