package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.Test;

class AcceptedTaskPoolTest {
    private static final TopicSpec<String, AcceptedInstruction> ACCEPTED = TopicCatalogue.defaults().accepted();
    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "mock://accepted-task-pool-test");
    private static final String TOPIC = ACCEPTED.name();

    @Test
    void keepsGeneratedAcceptedTasksFromEveryPartitionAndSkipsCorpusImports() {
        MockConsumer<byte[], byte[]> consumer = consumerWithPartitions(2);
        Serde<AcceptedInstruction> serde = ACCEPTED.valueSerde(SERDE);
        consumer.schedulePollTask(() -> {
            add(consumer, 0, 0, serde, accepted("run-000001", "llm:gpt-4o-mini"));
            add(consumer, 1, 0, serde, accepted("run-000002", "synthetic"));
            add(consumer, 0, 1, serde, accepted("sha-abc", "corpus:ncbi-disease"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 1, null, new byte[] {1, 2, 3}));
            add(consumer, 1, 2, serde, accepted("run-000003", "llm:gpt-4o-mini"));
        });
        try (AcceptedTaskPool pool = new AcceptedTaskPool(consumer, TOPIC, serde.deserializer(), 100, 1)) {
            awaitTrue(() -> pool.seen() == 3 && pool.undecodable() == 1);
            List<SeedTask> sample = pool.sample(10, new Random(1));
            Set<String> ids = new HashSet<>();
            sample.forEach(t -> ids.add(t.id()));
            assertEquals(Set.of("run-000001", "run-000002", "run-000003"), ids);
            SeedTask task = sample.stream().filter(t -> t.id().equals("run-000002")).findFirst().orElseThrow();
            assertEquals("Summarize the note for run-000002.", task.instruction());
            assertEquals(Category.GEN, task.category());
        }
        assertTrue(consumer.closed());
    }

    @Test
    void staysBoundedByItsCapacity() {
        MockConsumer<byte[], byte[]> consumer = consumerWithPartitions(1);
        Serde<AcceptedInstruction> serde = ACCEPTED.valueSerde(SERDE);
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < 40; i++) {
                add(consumer, 0, i, serde, accepted(String.format("run-%06d", i), "llm:m"));
            }
        });
        try (AcceptedTaskPool pool = new AcceptedTaskPool(consumer, TOPIC, serde.deserializer(), 10, 1)) {
            awaitTrue(() -> pool.seen() == 40);
            assertEquals(10, pool.size());
            assertEquals(10, pool.sample(50, new Random(2)).size());
        }
    }

    @Test
    void closesPromptlyWhileStillWaitingForTheTopic() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        AcceptedTaskPool pool = new AcceptedTaskPool(consumer, TOPIC, ACCEPTED.valueSerde(SERDE).deserializer(), 10, 1);
        assertEquals(List.of(), pool.sample(2, new Random(1)));
        long start = System.nanoTime();
        pool.close();
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "close waited for the retry interval");
        assertTrue(consumer.closed());
    }

    private static MockConsumer<byte[], byte[]> consumerWithPartitions(int partitions) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        List<PartitionInfo> infos = new java.util.ArrayList<>();
        Map<TopicPartition, Long> beginnings = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, null, null, null));
            beginnings.put(new TopicPartition(TOPIC, p), 0L);
        }
        consumer.updatePartitions(TOPIC, infos);
        consumer.updateBeginningOffsets(beginnings);
        return consumer;
    }

    private static void add(MockConsumer<byte[], byte[]> consumer, int partition, long offset,
                            Serde<AcceptedInstruction> serde, AcceptedInstruction value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition, offset, null,
                serde.serializer().serialize(TOPIC, value)));
    }

    private static AcceptedInstruction accepted(String id, String source) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        return AcceptedInstruction.newBuilder().setId(id).setRunId("run").setInstruction("Summarize the note for " + id + ".")
                .setInput("").setOutput("A summary.").setCategory(Category.GEN).setCategoryConfidence(0.9)
                .setSource(source).setCreatedAt(at).setAcceptedAt(at).build();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Await.until("the pool's counts", Duration.ofSeconds(5), Duration.ofMillis(10), condition::getAsBoolean);
    }
}
