package org.bioinstruct.infra.cli;

import java.util.concurrent.Callable;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.LocalStack;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts the local KRaft broker and schema registry in the background and creates the topics.")
final class UpCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--broker-port", defaultValue = "9092", description = "Broker port, 0 = any free (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Override
    public Integer call() {
        // Deliberately not closed: the processes outlive this command until 'bioinstruct down'.
        LocalStack stack = LocalStack.start(ProjectLayout.detect(), dataDir.path(), brokerPort, controllerPort,
                registryPort, TopicCatalogue.defaults());
        System.out.println("broker   " + stack.state().bootstrapServers() + " (pid " + stack.broker().pid() + ")");
        System.out.println("registry " + stack.state().registryUrl() + " (pid " + stack.registry().pid() + ")");
        System.out.println("topics created; logs in " + dataDir.path().resolve("logs")
                + "; stop with 'bioinstruct down --data-dir " + dataDir.path() + "'");
        return 0;
    }
}
