package org.bioinstruct.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter instance that stops without leaving its consumer group, as a killed one does, and starts again on the
 * same state directory. With static membership (the default) it takes over its old member and goes on filtering
 * at once; a dynamic member would first wait for the group to drop the old one after the session timeout, set
 * to 2 minutes here, longer than the test waits for the second task.
 */
class FilterRestartIT {
    private static final String REGISTRY = "mock://filter-restart-it";
    private static final String APPLICATION_ID = "restart-it";
    private static SingleNodeKafka cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = SingleNodeKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void restartedInstanceTakesOverItsMemberWithoutWaitingOutTheSessionTimeout(@TempDir Path stateDir)
            throws Exception {
        Settings settings = Settings.fromArgs(
                "bootstrap.servers=" + cluster.bootstrapServers(),
                "schema.registry.url=" + REGISTRY,
                "filter.application.id=" + APPLICATION_ID,
                "filter.state.dir=" + stateDir,
                "filter.commit.interval.ms=100",
                FilterApp.LEAVE_GROUP_ON_CLOSE + "=false",
                "kafka.session.timeout.ms=120000",
                "topic.raw=restart.raw",
                "topic.accepted=restart.accepted",
                "topic.rejected=restart.rejected",
                "topic.dlq=restart.dlq");
        FilterTopicsIO io = new FilterTopicsIO(cluster, Map.of(SerdeConfig.REGISTRY_URL, REGISTRY),
                TopicCatalogue.from(settings));
        Random random = new Random(5);
        try (FilterApp first = new FilterApp(settings)) {
            first.start();
            io.produce(List.of(TestTasks.task("before", "Explain " + TestTasks.words(random, 9) + ".", "", "Answer.")));
            assertEquals(List.of("before"), io.acceptedIds(1));
        }

        try (FilterApp second = new FilterApp(settings)) {
            second.start();
            io.produce(List.of(TestTasks.task("after", "Summarize " + TestTasks.words(random, 9) + ".", "", "Answer.")));
            assertEquals(List.of("before", "after"), io.acceptedIds(2), "filtered within " + FilterTopicsIO.WAIT);
            assertEquals(List.of(GroupInstanceId.of(stateDir) + "-1"), memberInstanceIds());
        }
    }

    private static List<String> memberInstanceIds() throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups().get(APPLICATION_ID).get()
                    .members().stream().map(MemberDescription::groupInstanceId).map(id -> id.orElse("(dynamic)"))
                    .toList();
        }
    }
}
