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

    /** Which DLQ records a subcommand works on: the cluster's DLQ topic, narrowed by {@code --filter}. */
    static final class Selection {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--filter", paramLabel = "KEY=VALUE",
                description = "stage=, source-topic=, error-class= or error-contains=; repeat to combine.")
        List<String> filters = new ArrayList<>();

        String topic(Settings settings) {
            return TopicCatalogue.from(settings).dlq().name();
        }

        List<DlqRecord> read(Settings settings, int limit) {
            return DlqReader.read(ClusterOptions.bootstrapServers(settings), ClusterOptions.kafkaOverrides(settings),
                    topic(settings), DlqFilter.parse(filters), limit);
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Prints DLQ records: source topic/partition/offset, failing stage, error class and message.")
    static final class Inspect implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many records (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            Settings settings = selection.cluster.settings();
            List<DlqRecord> records = selection.read(settings, limit);
            records.forEach(r -> System.out.println(r.describe()));
            System.out.println(records.size() + " record(s) shown from " + selection.topic(settings));
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-publishes DLQ records' original bytes to their source topic (or --to) in one transaction.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Option(names = "--to", paramLabel = "TOPIC", description = "Target topic (default: each record's source topic).")
        String to;

        @Option(names = "--limit", defaultValue = "2147483647", description = "At most this many records.")
        int limit;

        @Override
        public Integer call() {
            Settings settings = selection.cluster.settings();
            List<DlqRecord> records = selection.read(settings, limit);
            int replayed = DlqReplay.replay(ClusterOptions.bootstrapServers(settings),
                    ClusterOptions.kafkaOverrides(settings), records, Optional.ofNullable(to));
            System.out.println("replayed " + replayed + " record(s) from " + selection.topic(settings) + " to "
                    + (to != null ? to : "their source topics") + " (header " + DlqReplay.REPLAYED_FROM + ")");
            return 0;
        }
    }
}
