package org.bioinstruct.infra.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bioinstruct.infra.process.ProcessControl;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the local stack's processes, records per topic and consumer lag per group.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        StackState state = StackState.read(dataDir.path()).orElse(null);
        if (state == null) {
            System.out.println("no local stack in " + dataDir.path() + " (never started)");
            return 1;
        }
        System.out.printf("broker   %-22s %s%n", state.bootstrapServers(), liveness(state.brokerPid()));
        System.out.printf("registry %-22s %s%n", state.registryUrl(), liveness(state.registryPid()));
        if (ProcessControl.find(state.brokerPid()).isEmpty()) {
            return 1;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, state.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Map<TopicPartition, Long> ends = printTopics(admin);
            printGroups(admin, ends);
        }
        return 0;
    }

    private static String liveness(long pid) {
        return ProcessControl.find(pid).isPresent() ? "running (pid " + pid + ")" : "stopped";
    }

    private static Map<TopicPartition, Long> printTopics(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        var descriptions = admin.describeTopics(TopicCatalogue.defaults().all().stream().map(TopicSpec::name).toList())
                .allTopicNames().get(10, TimeUnit.SECONDS);
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            latest.put(tp, OffsetSpec.latest());
            earliest.put(tp, OffsetSpec.earliest());
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get();
        System.out.println();
        System.out.printf("%-36s %10s %12s%n", "topic", "partitions", "offsets");
        for (TopicSpec<?, ?> spec : TopicCatalogue.defaults().all()) {
            List<TopicPartition> parts = ends.keySet().stream().filter(tp -> tp.topic().equals(spec.name())).toList();
            long span = parts.stream().mapToLong(tp -> ends.get(tp).offset() - starts.get(tp).offset()).sum();
            System.out.printf("%-36s %10d %12d%n", spec.name(), parts.size(), span);
        }
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        ends.forEach((tp, info) -> endOffsets.put(tp, info.offset()));
        return endOffsets;
    }

    private static void printGroups(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
        System.out.println();
        System.out.printf("%-36s %12s%n", "consumer group", "lag");
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            long lag = committed.entrySet().stream()
                    .filter(e -> e.getValue() != null && ends.containsKey(e.getKey()))
                    .mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue().offset()))
                    .sum();
            System.out.printf("%-36s %12d%n", group.groupId(), lag);
        }
    }
}
