package org.bioinstruct.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bioinstruct.infra.process.FreePorts;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProcessControl;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * The embedded stack under one data directory: a KRaft broker and the Schema Registry, each its own JVM,
 * with the catalogue's topics created. {@link #close()} stops both; {@code bioinstruct up} instead leaves
 * them running and {@link #stop(Path)} finds them again by the pids in {@link StackState}.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(20);

    private volatile JvmProcess broker;
    private final JvmProcess registry;
    private final StackState state;
    private final Path dataDir;

    private LocalStack(JvmProcess broker, JvmProcess registry, StackState state, Path dataDir) {
        this.broker = broker;
        this.registry = registry;
        this.state = state;
        this.dataDir = dataDir;
    }

    /** Ports of 0 pick free ones. Fails if a stack recorded in {@code dataDir} is still running. */
    public static LocalStack start(ProjectLayout layout, Path dataDir, int brokerPort, int controllerPort,
                                   int registryPort, TopicCatalogue catalogue) {
        Optional<StackState> previous = StackState.read(dataDir);
        if (previous.isPresent() && isRunning(previous.get())) {
            throw new IllegalStateException("a stack is already running for " + dataDir + " (broker "
                    + previous.get().bootstrapServers() + ", registry " + previous.get().registryUrl()
                    + "); run 'bioinstruct down --data-dir " + dataDir + "' first");
        }
        int broker = FreePorts.orFree(brokerPort);
        int controller = FreePorts.orFree(controllerPort);
        int registry = FreePorts.orFree(registryPort);
        for (int port : List.of(broker, controller, registry)) {
            if (FreePorts.inUse(port)) {
                throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use; "
                        + "choose another with --broker-port/--controller-port/--registry-port (0 = any free port)");
            }
        }
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JvmProcess brokerProcess = LocalBroker.start(layout, dataDir, broker, controller);
        JvmProcess registryProcess;
        try {
            registryProcess = RegistryProcess.start(layout, dataDir, registry, "127.0.0.1:" + broker);
        } catch (RuntimeException e) {
            brokerProcess.close();
            throw e;
        }
        StackState state = new StackState(broker, controller, registry, brokerProcess.pid(), registryProcess.pid());
        state.write(dataDir);
        LocalStack stack = new LocalStack(brokerProcess, registryProcess, state, dataDir);
        try (Admin admin = stack.admin()) {
            TopicBootstrap.ensure(admin, catalogue, (short) 1);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public static boolean isRunning(StackState state) {
        return ProcessControl.find(state.brokerPid()).isPresent() || ProcessControl.find(state.registryPid()).isPresent();
    }

    /** Stops a stack started by an earlier command. Returns false when nothing was running. */
    public static boolean stop(Path dataDir) {
        Optional<StackState> state = StackState.read(dataDir);
        if (state.isEmpty() || !isRunning(state.get())) {
            return false;
        }
        ProcessControl.find(state.get().registryPid()).ifPresent(h -> ProcessControl.stop(h, GRACE));
        ProcessControl.find(state.get().brokerPid()).ifPresent(h -> ProcessControl.stop(h, GRACE));
        return true;
    }

    public StackState state() {
        return state;
    }

    public Path dataDir() {
        return dataDir;
    }

    public JvmProcess broker() {
        return broker;
    }

    public JvmProcess registry() {
        return registry;
    }

    /** Stops the broker, waits {@code down}, and starts it again on the same ports and storage. */
    public void restartBroker(ProjectLayout layout, Duration down) throws InterruptedException {
        broker.close();
        Thread.sleep(down.toMillis());
        broker = LocalBroker.start(layout, dataDir, state.brokerPort(), state.controllerPort());
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, state.bootstrapServers()));
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
