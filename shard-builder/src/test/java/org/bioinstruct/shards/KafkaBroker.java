package org.bioinstruct.shards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.bioinstruct.schemas.testkit.Await;
import org.bioinstruct.schemas.testkit.FreePorts;

/**
 * A real single-node KRaft broker (Kafka 4.3) in its own JVM, for the ITs and the benchmark. It cannot run
 * in this JVM: the Flink connector needs the 3.9 client here. The build writes the broker's classpath to
 * {@code target/kafka-broker-classpath.txt} (system property {@code kafka.broker.classpath.file}).
 */
final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String bootstrapServers;
    private final Path log;

    private KafkaBroker(Process process, String bootstrapServers, Path log) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.log = log;
    }

    static KafkaBroker start(Path home) throws Exception {
        String classpath = Files.readString(Path.of(System.getProperty("kafka.broker.classpath.file",
                "target/kafka-broker-classpath.txt"))).trim();
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Files.createDirectories(home);
        Path config = home.resolve("server.properties");
        Files.writeString(config, serverProperties(home.resolve("kafka-logs"), port, controllerPort));
        Path log = home.resolve("broker.log");
        Process format = java(classpath, log, "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", config.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting broker storage failed:\n" + Files.readString(log));
        }
        Process broker = java(classpath, log, "kafka.Kafka", config.toString());
        KafkaBroker started = new KafkaBroker(broker, "127.0.0.1:" + port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroyForcibly));
        started.awaitReady();
        return started;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            Await.until("the broker answers", READY_TIMEOUT, Duration.ofMillis(200), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("broker exited:\n" + Files.readString(log));
                }
                try {
                    admin.describeCluster().nodes().get();
                    return true;
                } catch (ExecutionException notYet) {
                    return false;
                }
            });
        } catch (AssertionError notReady) {
            throw new IllegalStateException("broker not ready:\n" + Files.readString(log), notReady);
        }
    }

    private static Process java(String classpath, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String serverProperties(Path logDirs, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "");
    }
}
