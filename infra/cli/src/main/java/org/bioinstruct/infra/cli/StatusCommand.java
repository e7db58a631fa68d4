package org.bioinstruct.infra.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bioinstruct.infra.ops.LatestRecord;
import org.bioinstruct.infra.process.ProcessControl;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.infra.stage.Stage;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the stack's processes, the stages running here, records per topic, consumer lag "
                + "per group, the last adapter version and the last eval metric.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        Settings settings;
        if (cluster.configFile().isPresent()) {
            settings = cluster.settings();
            System.out.printf("cluster  %s%n", settings.string(CommonKeys.BOOTSTRAP_SERVERS));
        } else {
            StackState state = StackState.read(cluster.dataDir.path()).orElse(null);
            if (state == null) {
                System.out.println("no local stack in " + cluster.dataDir.path() + " (never started)");
                return 1;
            }
            System.out.printf("broker   %-22s %s%n", state.bootstrapServers(), liveness(state.brokerPid()));
            System.out.printf("registry %-22s %s%n", state.registryUrl(), liveness(state.registryPid()));
            if (ProcessControl.find(state.brokerPid()).isEmpty()) {
                return 1;
            }
            settings = ClusterOptions.forLocalStack(state);
        }
        printStages();
        TopicCatalogue topics = TopicCatalogue.from(settings);
        Map<String, Object> adminConfig = KafkaClientConfigs.client(settings.string(CommonKeys.BOOTSTRAP_SERVERS),
                settings.withPrefix(CommonKeys.KAFKA_PREFIX));
        adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(adminConfig)) {
            Map<TopicPartition, Long> ends = printTopics(admin, topics);
            printGroups(admin, ends);
        }
        printLatest(settings, topics);
        return 0;
    }

    private static String liveness(long pid) {
        return ProcessControl.find(pid).isPresent() ? "running (pid " + pid + ")" : "stopped";
    }

    /** Stage JVMs on this host, found by their main class. */
    private static void printStages() {
        System.out.println();
        System.out.printf("%-14s %s%n", "stage", "on this host");
        for (Stage stage : Stage.values()) {
            List<Long> pids = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(" " + stage.mainClass())).orElse(false))
                    .map(ProcessHandle::pid).toList();
            System.out.printf("%-14s %s%n", stage.cliName(), pids.isEmpty() ? "not running" : "running (pid "
                    + String.join(", ", pids.stream().map(String::valueOf).toList()) + ")");
        }
    }

    private static Map<TopicPartition, Long> printTopics(Admin admin, TopicCatalogue topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        var descriptions = admin.describeTopics(topics.all().stream().map(TopicSpec::name).toList())
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
        for (TopicSpec<?, ?> spec : topics.all()) {
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
        System.out.printf("%-36s %12s %8s  %s%n", "consumer group", "lag", "members", "state");
        List<String> groupIds = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .sorted().toList();
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groupIds).all().get();
        for (String groupId : groupIds) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            long lag = committed.entrySet().stream()
                    .filter(e -> e.getValue() != null && ends.containsKey(e.getKey()))
                    .mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue().offset()))
                    .sum();
            ConsumerGroupDescription d = described.get(groupId);
            System.out.printf("%-36s %12d %8d  %s%n", groupId, lag, d == null ? 0 : d.members().size(),
                    d == null ? "?" : d.groupState().toString());
        }
    }

    private static void printLatest(Settings settings, TopicCatalogue topics) {
        String bootstrap = settings.string(CommonKeys.BOOTSTRAP_SERVERS);
        Map<String, String> overrides = settings.withPrefix(CommonKeys.KAFKA_PREFIX);
        Map<String, String> serde = ClusterOptions.serdeConfig(settings);
        System.out.println();
        Optional<AdapterCheckpoint> checkpoint = LatestRecord.of(bootstrap, overrides, topics.checkpoints().name())
                .map(r -> topics.checkpoints().valueSerde(serde).deserializer().deserialize(r.topic(), r.value()));
        System.out.println("last adapter  " + checkpoint.map(c -> String.format("v%d (parent %s, %d shard(s), "
                + "%d examples, loss %.4f)", c.getAdapterVersion(), c.getParentVersion() == null ? "none"
                : "v" + c.getParentVersion(), c.getShardIds().size(), c.getExamples(), c.getLoss())).orElse("none yet"));
        Optional<EvalMetric> metric = LatestRecord.of(bootstrap, overrides, topics.evalMetrics().name())
                .map(r -> topics.evalMetrics().valueSerde(serde).deserializer().deserialize(r.topic(), r.value()));
        System.out.println("last metric   " + metric.map(m -> String.format("v%d %s/%s %s = %.4f (baseline %.4f, "
                + "gain %+.1f%%)", m.getAdapterVersion(), m.getSuite(), m.getTask(), m.getMetric(), m.getValue(),
                m.getBaseline(), 100 * m.getGain())).orElse("none yet"));
    }
}
