package org.bioinstruct.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.bioinstruct.infra.process.BuiltModule;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;

/**
 * A real single-node KRaft broker in its own JVM, from the Kafka jars on infra's classpath, with its log
 * directories under {@code <data-dir>/broker}. Storage is formatted once; a restart reuses it.
 */
public final class LocalBroker {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private LocalBroker() {
    }

    public static JvmProcess start(ProjectLayout layout, Path dataDir, int brokerPort, int controllerPort) {
        Path home = dataDir.resolve("broker");
        Path config = home.resolve("server.properties");
        Path logDirs = home.resolve("kafka-logs");
        Path logFile = dataDir.resolve("logs").resolve("broker.log");
        String classpath = layout.classpath(BuiltModule.HARNESS);
        List<String> jvmArgs = List.of("-Xmx768m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"));
        try {
            Files.createDirectories(logDirs);
            Files.writeString(config, BrokerConfig.serverProperties(logDirs, brokerPort, controllerPort));
            Files.writeString(home.resolve("log4j2.properties"), BrokerConfig.log4j2Properties(logFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            format(classpath, jvmArgs, config, logFile);
        }
        JvmProcess broker = JvmProcess.start("broker", classpath, jvmArgs, "kafka.Kafka",
                List.of(config.toString()), logFile);
        awaitReady(broker, "127.0.0.1:" + brokerPort);
        return broker;
    }

    private static void format(String classpath, List<String> jvmArgs, Path config, Path logFile) {
        String clusterId = Uuid.randomUuid().toString();
        try (JvmProcess format = JvmProcess.start("storage-format", classpath, jvmArgs, "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", config.toString()), logFile)) {
            int exit = format.waitFor(Duration.ofSeconds(60));
            if (exit != 0) {
                throw new IllegalStateException("formatting broker storage failed (exit " + exit + "):\n"
                        + format.logTail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted formatting broker storage", e);
        }
    }

    /** Waits until the broker answers a metadata request. */
    public static void awaitReady(JvmProcess broker, String bootstrapServers) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (System.nanoTime() < deadline) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("broker exited during start-up:\n" + broker.logTail(30));
                }
                try {
                    admin.describeCluster().nodes().get();
                    return;
                } catch (Exception notYet) {
                    sleep(300);
                }
            }
        }
        throw new IllegalStateException("broker not ready after " + READY_TIMEOUT.toSeconds() + " s:\n"
                + broker.logTail(30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
