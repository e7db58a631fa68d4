package org.bioinstruct.schemas.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared loop against a real broker: outputs and offsets commit together, bad inputs go to the DLQ. */
class TransactionalLoopIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Fails on "bad": an input the loop must dead-letter. */
    private static final Deserializer<String> DECODER = (topic, bytes) -> {
        String value = new String(bytes, StandardCharsets.UTF_8);
        if (value.equals("bad")) {
            throw new IllegalArgumentException("not a word");
        }
        return value;
    };

    @RegisterExtension
    static final SingleNodeKafka kafka = SingleNodeKafka.perClass();

    /** Topics and ids of one test. */
    private record Names(String in, String out, String dlq, String group) {
        static Names of(TestInfo test) throws Exception {
            String base = test.getTestMethod().orElseThrow().getName();
            Names names = new Names(base + ".in", base + ".out", base + ".dlq", base + "-group");
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic(names.in, 1, (short) 1), new NewTopic(names.out, 1, (short) 1),
                        new NewTopic(names.dlq, 1, (short) 1))).all().get();
            }
            return names;
        }

        LoopSettings settings(boolean skipToNewest) {
            return new LoopSettings("upper", kafka.bootstrapServers(), Map.of(), group, group + "-producer", in, dlq,
                    Duration.ofMillis(100), Map.of(), skipToNewest);
        }
    }

    /** Upper-cases each word into the output topic. */
    private static class Upper implements RecordHandler<String> {
        final String out;
        final List<String> handled = new CopyOnWriteArrayList<>();

        Upper(String out) {
            this.out = out;
        }

        @Override
        public void handle(ConsumerRecord<byte[], byte[]> input, String value, Outputs outputs) {
            handled.add(value);
            outputs.send(out, value, new StringSerializer(), value.toUpperCase());
        }
    }

    @Test
    void commitsEachInputsOutputsWithItsOffsetAndDeadLettersWhatCannotBeDecoded(TestInfo test) throws Exception {
        Names names = Names.of(test);
        produce(names.in, "a", "bad", "b");
        Upper handler = new Upper(names.out);
        try (TransactionalLoop<String> loop = new TransactionalLoop<>(names.settings(false), DECODER, "Word",
                handler)) {
            Thread thread = start(loop, new AtomicReference<>());
            kafka.awaitCommittedOffset(names.group, names.in, 3, WAIT);
            loop.stop(Duration.ZERO);
            thread.join(WAIT.toMillis());
        }
        assertEquals(List.of("A", "B"), values(readAll(names.out)));
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(names.dlq);
        assertEquals(List.of("bad"), values(dead));
        assertEquals("upper", DlqHeaders.value(dead.get(0).headers(), DlqHeaders.STAGE).orElseThrow());
        assertEquals(IllegalArgumentException.class.getName(),
                DlqHeaders.value(dead.get(0).headers(), DlqHeaders.ERROR_CLASS).orElseThrow());
        assertEquals("undecodable Word: not a word",
                DlqHeaders.value(dead.get(0).headers(), DlqHeaders.ERROR_MESSAGE).orElseThrow());
        assertEquals("1", DlqHeaders.value(dead.get(0).headers(), DlqHeaders.SOURCE_OFFSET).orElseThrow());
        assertEquals(List.of("a", "b"), handler.handled);
    }

    @Test
    void aKafkaErrorEndsTheLoopWithoutCommittingTheInputAndARestartHandlesItOnce(TestInfo test) throws Exception {
        Names names = Names.of(test);
        produce(names.in, "a", "b");
        AtomicBoolean failedOnce = new AtomicBoolean();
        Upper failing = new Upper(names.out) {
            @Override
            public void handle(ConsumerRecord<byte[], byte[]> input, String value, Outputs outputs) {
                super.handle(input, value, outputs);
                if (value.equals("b") && failedOnce.compareAndSet(false, true)) {
                    throw new KafkaException("broker went away");
                }
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (TransactionalLoop<String> loop = new TransactionalLoop<>(names.settings(false), DECODER, "Word",
                failing)) {
            start(loop, failure).join(WAIT.toMillis());
        }
        assertInstanceOf(KafkaException.class, failure.get());
        Upper restarted = new Upper(names.out);
        try (TransactionalLoop<String> loop = new TransactionalLoop<>(names.settings(false), DECODER, "Word",
                restarted)) {
            Thread thread = start(loop, new AtomicReference<>());
            kafka.awaitCommittedOffset(names.group, names.in, 2, WAIT);
            loop.stop(Duration.ZERO);
            thread.join(WAIT.toMillis());
        }
        assertEquals(List.of("b"), restarted.handled);
        assertEquals(List.of("A", "B"), values(readAll(names.out)));
    }

    @Test
    void inputsWaitUntilTheHandlerIsReadyAndThenOnlyTheNewestIsHandled(TestInfo test) throws Exception {
        Names names = Names.of(test);
        AtomicInteger rounds = new AtomicInteger();
        Upper handler = new Upper(names.out) {
            @Override
            public void beforePoll(Transactions transactions) {
                rounds.incrementAndGet();
            }

            @Override
            public boolean ready(int waiting) {
                return waiting == 3;
            }
        };
        try (TransactionalLoop<String> loop = new TransactionalLoop<>(names.settings(true), DECODER, "Word", handler)) {
            Thread thread = start(loop, new AtomicReference<>());
            produce(names.in, "a", "b", "c");
            kafka.awaitCommittedOffset(names.group, names.in, 3, WAIT);
            loop.stop(Duration.ZERO);
            thread.join(WAIT.toMillis());
            assertFalse(thread.isAlive());
        }
        assertEquals(List.of("c"), handler.handled);
        assertEquals(List.of("C"), values(readAll(names.out)));
        assertTrue(rounds.get() > 0);
    }

    private static Thread start(TransactionalLoop<String> loop, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "loop-under-test");
        thread.start();
        return thread;
    }

    private static void produce(String topic, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
        }
    }

    /** Every committed record of the topic's single partition, up to its last stable offset. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientConfigs.readCommittedConsumer(kafka.bootstrapServers(), null, Map.of()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
