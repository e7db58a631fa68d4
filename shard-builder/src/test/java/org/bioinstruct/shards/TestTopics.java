package org.bioinstruct.shards;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.serde.AvroDeserializer;
import org.bioinstruct.schemas.serde.AvroSerializer;
import org.bioinstruct.schemas.serde.SerdeConfig;

/**
 * The accepted and shards topics of a test run on a real broker: producing accepted instructions and
 * reading committed manifests. Registry ids are fixed by registering the two schemas in the same order in
 * every JVM of the run ({@link #registerSchemas}), so a forked job and this JVM agree on them.
 */
final class TestTopics {
    private static final Category[] CATEGORIES = {Category.QA, Category.IE, Category.GEN, Category.OTHER};

    private final String bootstrapServers;
    private final String registryUrl;
    private final String accepted;
    private final String shards;

    TestTopics(String bootstrapServers, String registryUrl, String accepted, String shards) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.accepted = accepted;
        this.shards = shards;
        registerSchemas(registryUrl, accepted, shards);
    }

    static void registerSchemas(String registryUrl, String acceptedTopic, String shardsTopic) {
        InMemorySchemaRegistry registry =
                InMemorySchemaRegistry.scope(registryUrl.substring(InMemorySchemaRegistry.MOCK_SCHEME.length()));
        registry.register(acceptedTopic + "-value", AcceptedInstruction.getClassSchema());
        registry.register(shardsTopic + "-value", ShardManifest.getClassSchema());
    }

    KafkaProducer<String, AcceptedInstruction> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AvroSerializer<AcceptedInstruction> values = new AvroSerializer<>(AcceptedInstruction.class);
        values.configure(Map.of(SerdeConfig.REGISTRY_URL, registryUrl), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** Produces ids {@code prefix-from} .. {@code prefix-(to-1)}, categories in turn; returns the ids. */
    List<String> produce(KafkaProducer<String, AcceptedInstruction> producer, String prefix, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String id = prefix + "-" + i;
            producer.send(new ProducerRecord<>(accepted, id, instruction(id, CATEGORIES[i % CATEGORIES.length])));
            ids.add(id);
        }
        producer.flush();
        return ids;
    }

    static AcceptedInstruction instruction(String id, Category category) {
        return AcceptedInstruction.newBuilder()
                .setId(id).setRunId("it").setInstruction("Explain the finding in record " + id + ".")
                .setInput("Patient record " + id + ": fever, cough, elevated CRP.")
                .setOutput("The findings suggest an acute inflammatory process (" + id + ").")
                .setCategory(category).setCategoryConfidence(0.9).setSource("synthetic")
                .setCreatedAt(Instant.ofEpochMilli(1_000)).setAcceptedAt(Instant.ofEpochMilli(2_000))
                .build();
    }

    /** Every manifest a read_committed consumer sees on the shards topic now, in offset order. */
    List<ShardManifest> committedManifests() {
        List<ShardManifest> manifests = new ArrayList<>();
        readCommitted(Duration.ofSeconds(10), record -> manifests.add(record.value()));
        return manifests;
    }

    /** A read_committed consumer of the shards topic from the beginning. */
    KafkaConsumer<byte[], ShardManifest> manifestConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        AvroDeserializer<ShardManifest> values = new AvroDeserializer<>(ShardManifest.class);
        values.configure(Map.of(SerdeConfig.REGISTRY_URL, registryUrl), false);
        KafkaConsumer<byte[], ShardManifest> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(shards).stream()
                .map(p -> new TopicPartition(shards, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private void readCommitted(Duration timeout, java.util.function.Consumer<ConsumerRecord<byte[], ShardManifest>> sink) {
        try (KafkaConsumer<byte[], ShardManifest> consumer = manifestConsumer()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("shards topic not read to its end in " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }
}
