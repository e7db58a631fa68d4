package org.bioinstruct.infra.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bioinstruct.infra.dashboard.DashboardFeed;
import org.bioinstruct.infra.dashboard.DashboardServer;
import org.bioinstruct.infra.dashboard.DashboardState;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serves a live web dashboard of the running stack until Ctrl-C: training loss and tokens/s,",
                "eval metrics per category per adapter version against the base model, accepted/rejected",
                "instructions, shards per category. The page updates itself (server-sent events)."})
final class DashboardCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--port", defaultValue = "8088", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() throws Exception {
        Settings settings = cluster.settings();
        DashboardState state = new DashboardState();
        try (DashboardFeed feed = new DashboardFeed(ClusterOptions.bootstrapServers(settings),
                ClusterOptions.kafkaOverrides(settings), ClusterOptions.serdeConfig(settings),
                TopicCatalogue.from(settings), state);
             DashboardServer server = DashboardServer.start(bind, port, state)) {
            feed.start();
            System.out.println("dashboard at " + server.uri() + " (Ctrl-C to stop)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "dashboard-shutdown"));
            stopped.await();
        }
        return 0;
    }
}
