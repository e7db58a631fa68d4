package org.bioinstruct.schemas.testkit;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real in-process KRaft broker (combined broker and controller) for integration tests, with the settings
 * a single node needs: every internal topic takes one replica, or Kafka Streams and transactions hang.
 * Shared by the modules' ITs through the schemas test-jar.
 */
public final class SingleNodeKafka implements AutoCloseable {
    private static final Map<String, String> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "4",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "4",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "min.insync.replicas", "1",
            "group.initial.rebalance.delay.ms", "0");

    private final KafkaClusterTestKit cluster;

    private SingleNodeKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats, starts and waits until the broker answers. */
    public static SingleNodeKafka start() throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
        SINGLE_NODE.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new SingleNodeKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
