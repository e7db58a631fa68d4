package org.bioinstruct.infra.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.ops.DlqFilter;
import org.bioinstruct.infra.ops.DlqReader;
import org.bioinstruct.infra.ops.DlqRecord;
import org.bioinstruct.infra.ops.DlqReplay;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Dead-letter queue: inspect records with their error headers, replay them.",
        subcommands = {DlqCommand.Inspect.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Prints DLQ records: source topic/partition/offset, failing stage, error class and message.")
    static final class Inspect implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many records (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--filter", paramLabel = "KEY=VALUE",
                description = "stage=, source-topic=, error-class= or error-contains=; repeat to combine.")
        List<String> filters = new ArrayList<>();

        @Override
        public Integer call() {
            Settings settings = cluster.settings();
            String topic = TopicCatalogue.from(settings).dlq().name();
            List<DlqRecord> records = DlqReader.read(ClusterOptions.bootstrapServers(settings),
                    ClusterOptions.kafkaOverrides(settings), topic, DlqFilter.parse(filters), limit);
            records.forEach(r -> System.out.println(r.describe()));
            System.out.println(records.size() + " record(s) shown from " + topic);
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-publishes DLQ records' original bytes to their source topic (or --to) in one transaction.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--to", paramLabel = "TOPIC", description = "Target topic (default: each record's source topic).")
        String to;

        @Option(names = "--filter", paramLabel = "KEY=VALUE",
                description = "stage=, source-topic=, error-class= or error-contains=; repeat to combine.")
        List<String> filters = new ArrayList<>();

        @Option(names = "--limit", defaultValue = "2147483647", description = "At most this many records.")
        int limit;

        @Override
        public Integer call() {
            Settings settings = cluster.settings();
            String bootstrap = ClusterOptions.bootstrapServers(settings);
            String topic = TopicCatalogue.from(settings).dlq().name();
            List<DlqRecord> records = DlqReader.read(bootstrap, ClusterOptions.kafkaOverrides(settings), topic,
                    DlqFilter.parse(filters), limit);
            int replayed = DlqReplay.replay(bootstrap, ClusterOptions.kafkaOverrides(settings), records,
                    Optional.ofNullable(to));
            System.out.println("replayed " + replayed + " record(s) from " + topic + " to "
                    + (to != null ? to : "their source topics") + " (header " + DlqReplay.REPLAYED_FROM + ")");
            return 0;
        }
    }
}
