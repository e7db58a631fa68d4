package org.bioinstruct.filter.query;

import static org.bioinstruct.filter.query.QueryTestRecords.accepted;
import static org.bioinstruct.filter.query.QueryTestRecords.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.bioinstruct.filter.TopologyTestDrivers;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting processors in a pipeline shaped like the filter's ({@link CountedDecisions}): decisions pass them on
 * their way to the accepted, rejected and dead-letter topics, counted into the store of their sub-topology.
 */
class CountingProcessorTest {
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private final String scope = "counts-" + UUID.randomUUID();
    private final Map<String, Object> serdeConfig = Map.of(SerdeConfig.REGISTRY_URL, "mock://" + scope);
    private TopologyTestDriver driver;
    private TestInputTopic<String, AcceptedInstruction> decidedAccepted;
    private TestInputTopic<String, RejectedInstruction> decidedRejected;
    private TestInputTopic<byte[], byte[]> undecodable;

    @BeforeEach
    void startDriver(@TempDir Path stateDir) {
        driver = TopologyTestDrivers.create(CountedDecisions.topology(serdeConfig), "counts-test", stateDir);
        decidedAccepted = driver.createInputTopic(CountedDecisions.ACCEPTED, TOPICS.accepted().keySerde(serdeConfig).serializer(),
                TOPICS.accepted().valueSerde(serdeConfig).serializer());
        decidedRejected = driver.createInputTopic(CountedDecisions.REJECTED, TOPICS.rejected().keySerde(serdeConfig).serializer(),
                TOPICS.rejected().valueSerde(serdeConfig).serializer());
        undecodable = driver.createInputTopic(CountedDecisions.UNDECODABLE, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void countsAcceptedTasksByCategoryInTheStoreOfItsTask() {
        decidedAccepted.pipeInput("a1", accepted("a1", Category.QA));
        decidedAccepted.pipeInput("a2", accepted("a2", Category.IE));
        decidedAccepted.pipeInput("a3", accepted("a3", Category.QA));
        assertEquals(Map.of("accepted/QA", 2L, "accepted/IE", 1L), storeContents(CountStores.DEDUP));
    }

    @Test
    void countsRejectedTasksByReason() {
        decidedRejected.pipeInput("r1", rejected("r1", "TOO_SHORT"));
        decidedRejected.pipeInput("r2", rejected("r2", "DUPLICATE_EXACT"));
        decidedRejected.pipeInput("r3", rejected("r3", "TOO_SHORT"));
        assertEquals(Map.of("rejected/TOO_SHORT", 2L, "rejected/DUPLICATE_EXACT", 1L), storeContents(CountStores.RAW));
    }

    @Test
    void countsDeadLettersIncludingOnesWithoutAValue() {
        undecodable.pipeInput("k1".getBytes(StandardCharsets.UTF_8), new byte[] {9, 9, 9});
        undecodable.pipeInput("k2".getBytes(StandardCharsets.UTF_8), (byte[]) null);
        undecodable.pipeInput((byte[]) null, new byte[] {1});
        assertEquals(Map.of("dead-lettered/" + CountedDecisions.UNDECODABLE, 3L), storeContents(CountStores.RAW));
        assertEquals(3, CountStores.counts(storeContents(CountStores.RAW)).deadLettered());
    }

    @Test
    void passesRecordsThroughUnchangedAndCountsThemInStreamsMetrics() {
        TestOutputTopic<String, AcceptedInstruction> out = driver.createOutputTopic(TOPICS.accepted().name(),
                TOPICS.accepted().keySerde(serdeConfig).deserializer(), TOPICS.accepted().valueSerde(serdeConfig).deserializer());
        decidedAccepted.pipeInput("a1", accepted("a1", Category.QA));
        decidedAccepted.pipeInput("a2", accepted("a2", Category.GEN));
        decidedAccepted.pipeInput("a3", accepted("a3", Category.QA));
        decidedRejected.pipeInput("r1", rejected("r1", "BLACKLISTED_WORD"));

        assertEquals(List.of(accepted("a1", Category.QA), accepted("a2", Category.GEN), accepted("a3", Category.QA)),
                out.readValuesToList());
        assertEquals(Map.of("QA", 2L, "GEN", 1L), CountingProcessor.totals(driver.metrics(), "accepted", "category"));
        assertEquals(Map.of("BLACKLISTED_WORD", 1L), CountingProcessor.totals(driver.metrics(), "rejected", "reason"));
        MetricName rate = driver.metrics().keySet().stream()
                .filter(name -> name.group().equals(CountingProcessor.GROUP) && name.name().equals("accepted-rate")
                        && "QA".equals(name.tags().get("category")))
                .findFirst().orElseThrow();
        assertTrue(rate.tags().containsKey(CountingProcessor.THREAD_TAG), rate.toString());
        assertTrue((Double) driver.metrics().get(rate).metricValue() > 0, "rate of a counter that has counted");
    }

    private Map<String, Long> storeContents(String storeName) {
        return CountedDecisions.contents(driver, storeName);
    }
}
