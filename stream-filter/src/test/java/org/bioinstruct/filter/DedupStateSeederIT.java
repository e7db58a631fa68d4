package org.bioinstruct.filter;

import static org.bioinstruct.filter.TestTasks.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeding the duplicate checks' state from the filter's outputs, on a real single-node KRaft broker: a filter
 * whose internal topics and local state are gone (as after kafka-streams-application-reset) still rejects
 * repeats of what it decided before, once seeded; and the seeder refuses to run beside a live filter or over
 * existing state.
 */
@Tag("slow")
class DedupStateSeederIT {
    private static final String REGISTRY = "mock://dedup-seeder-it";
    private static final Map<String, Object> SERDE_CONFIG = Map.of(SerdeConfig.REGISTRY_URL, REGISTRY);
    private static final int ORIGINALS = 40;
    @RegisterExtension
    static final SingleNodeKafka cluster = SingleNodeKafka.perClass();

    @Test
    void filterRestartedWithoutStateButSeededRejectsRepeatsOfEarlierTasks(@TempDir Path dir) throws Exception {
        Settings settings = settings("seeder-it", "");
        FilterTopicsIO io = new FilterTopicsIO(cluster, SERDE_CONFIG, TopicCatalogue.from(settings));
        Random random = new Random(11);
        List<RawInstruction> originals = new ArrayList<>();
        for (int i = 0; i < ORIGINALS; i++) {
            originals.add(task("orig-" + i, "Explain " + words(random, 9) + ".", words(random, 12)));
        }
        RawInstruction nearBefore = nearCopy("near-before", originals.get(0));
        try (FilterApp filter = new FilterApp(settings.with(FilterSettings.STATE_DIR, dir.resolve("first").toString()))) {
            filter.start();
            List<RawInstruction> firstLife = new ArrayList<>(originals);
            firstLife.add(nearBefore);
            io.produce(firstLife);
            assertEquals(ORIGINALS, io.acceptedIds(ORIGINALS).size());
            assertEquals("DUPLICATE_NEAR", io.rejected(1).get("near-before").getReason());
        }

        deleteInternalTopics("seeder-it");
        DedupStateSeeder.Result seeded = new DedupStateSeeder(settings).run();
        assertEquals(new DedupStateSeeder.Result(ORIGINALS, 1, 0, ORIGINALS + 1), seeded);

        try (FilterApp filter = new FilterApp(settings.with(FilterSettings.STATE_DIR, dir.resolve("second").toString()))) {
            filter.start();
            RawInstruction original = originals.get(1);
            io.produce(List.of(
                    task("exact-after", original.getInstruction().toUpperCase(), original.getInput() + " "),
                    nearCopy("near-after", originals.get(2)),
                    task("exact-of-near-before", nearBefore.getInstruction(), nearBefore.getInput()),
                    task("fresh", "Summarize " + words(random, 9) + ".", words(random, 12))));
            Map<String, RejectedInstruction> rejected = io.rejected(4);
            assertRejected(rejected.get("exact-after"), "DUPLICATE_EXACT", "orig-1");
            assertRejected(rejected.get("near-after"), "DUPLICATE_NEAR", "orig-2");
            assertRejected(rejected.get("exact-of-near-before"), "DUPLICATE_EXACT", "near-before");
            assertTrue(io.acceptedIds(ORIGINALS + 1).contains("fresh"), "a new task is still accepted");
        }
    }

    @Test
    void refusesBesideARunningFilterAndOverExistingState(@TempDir Path dir) throws Exception {
        Settings settings = settings("seeder-refusals", "refusals.");
        FilterTopicsIO io = new FilterTopicsIO(cluster, SERDE_CONFIG, TopicCatalogue.from(settings));
        try (FilterApp filter = new FilterApp(settings.with(FilterSettings.STATE_DIR, dir.toString()))) {
            filter.start();
            io.produce(List.of(task("only", "Explain " + words(new Random(3), 9) + ".", "")));
            io.acceptedIds(1);
            var running = assertThrows(DedupStateSeeder.RefusedException.class,
                    () -> new DedupStateSeeder(settings).run());
            assertTrue(running.getMessage().contains("'seeder-refusals' still has 1 member(s) after 0 ms"),
                    running.getMessage());
        }
        var existing = assertThrows(DedupStateSeeder.RefusedException.class,
                () -> new DedupStateSeeder(settings).run());
        assertTrue(existing.getMessage().startsWith("changelog topic 'seeder-refusals-seen-content-changelog' "
                + "already holds the filter's state"), existing.getMessage());
    }

    /**
     * The seeder does not wait for members to leave: a filter closed cleanly has left its group already (Kafka's
     * default session timeout would otherwise keep its member for 45 s).
     */
    private static Settings settings(String applicationId, String topicPrefix) {
        return Settings.fromArgs(
                "bootstrap.servers=" + cluster.bootstrapServers(),
                "schema.registry.url=" + REGISTRY,
                "filter.application.id=" + applicationId,
                "filter.commit.interval.ms=100",
                DedupStateSeeder.GROUP_WAIT_MS + "=0",
                "topic.raw=" + topicPrefix + "raw",
                "topic.accepted=" + topicPrefix + "accepted",
                "topic.rejected=" + topicPrefix + "rejected",
                "topic.dlq=" + topicPrefix + "dlq");
    }

    /** What kafka-streams-application-reset does to the state: every internal topic of the application deleted. */
    private static void deleteInternalTopics(String applicationId) throws Exception {
        try (Admin admin = cluster.admin()) {
            Set<String> internal = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(applicationId + "-")).collect(Collectors.toSet());
            assertTrue(internal.contains(applicationId + "-accepted-texts-changelog"), internal.toString());
            admin.deleteTopics(internal).all().get();
            Await.until("internal topics no longer listed", Duration.ofSeconds(30), Duration.ofMillis(200),
                    () -> admin.listTopics().names().get().stream().noneMatch(internal::contains));
        }
    }

    private static void assertRejected(RejectedInstruction rejected, String reason, String nearestId) {
        assertEquals(reason, rejected.getReason(), rejected.toString());
        assertEquals(nearestId, rejected.getNearestId(), rejected.toString());
    }

    private static RawInstruction nearCopy(String id, RawInstruction original) {
        return task(id, "Please " + original.getInstruction().toLowerCase(), original.getInput());
    }

    private static RawInstruction task(String id, String instruction, String input) {
        return TestTasks.task(id, instruction, input, "An answer to " + id + ".");
    }
}
