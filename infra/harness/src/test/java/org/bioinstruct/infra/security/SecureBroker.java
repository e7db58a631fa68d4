package org.bioinstruct.infra.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.bioinstruct.infra.process.BuiltModule;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stack.LocalBroker;
import org.bioinstruct.schemas.testkit.FreePorts;

/**
 * A real single-node KRaft broker JVM with a SASL_SSL listener (SCRAM-SHA-512) for clients, a plaintext
 * listener for itself, a key pair and truststore made with the JDK's keytool at test time, and one SCRAM
 * user added when the storage is formatted ({@code kafka-storage format --add-scram}).
 */
final class SecureBroker implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "alice-scram-pw-7f3c";
    static final String STORE_PASSWORD = "store-pw-91ab";

    private final JvmProcess process;
    private final int saslPort;
    private final Path truststore;

    private SecureBroker(JvmProcess process, int saslPort, Path truststore) {
        this.process = process;
        this.saslPort = saslPort;
        this.truststore = truststore;
    }

    static SecureBroker start(Path dir) throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Path truststore = dir.resolve("truststore.p12");
        makeStores(dir, keystore, truststore);
        int plainPort = FreePorts.next();
        int saslPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path config = Files.writeString(dir.resolve("server.properties"),
                serverProperties(dir.resolve("kafka-logs"), plainPort, saslPort, controllerPort, keystore));
        Path log = dir.resolve("broker.log");
        String classpath = new ProjectLayout(ProjectLayout.detect().root()).classpath(BuiltModule.HARNESS);
        List<String> jvm = List.of("-Xmx512m");
        try (JvmProcess format = JvmProcess.start("format", classpath, jvm, "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                        "--add-scram", "SCRAM-SHA-512=[name=" + USER + ",password=" + PASSWORD + "]"), log)) {
            if (format.waitFor(Duration.ofSeconds(60)) != 0) {
                throw new IllegalStateException("format failed:\n" + format.logTail(30));
            }
        }
        JvmProcess broker = JvmProcess.start("secure-broker", classpath, jvm, "kafka.Kafka",
                List.of(config.toString()), log);
        LocalBroker.awaitReady(broker, "127.0.0.1:" + plainPort);
        return new SecureBroker(broker, saslPort, truststore);
    }

    String saslSslBootstrap() {
        return "127.0.0.1:" + saslPort;
    }

    Path truststore() {
        return truststore;
    }

    /** The one {@code kafka.*} security block every client is built from. */
    Map<String, String> securitySettings(Path passwordFile, Path truststorePasswordFile) {
        return Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.username", USER,
                "kafka.sasl.password.file", passwordFile.toString(),
                "kafka.ssl.truststore.location", truststore.toString(),
                "kafka.ssl.truststore.password.file", truststorePasswordFile.toString());
    }

    private static void makeStores(Path dir, Path keystore, Path truststore) throws Exception {
        Path cert = dir.resolve("broker.crt");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }

    private static String serverProperties(Path logDirs, int plainPort, int saslPort, int controllerPort,
                                           Path keystore) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_SSL://127.0.0.1:" + saslPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_SSL://127.0.0.1:" + saslPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + STORE_PASSWORD,
                "ssl.key.password=" + STORE_PASSWORD,
                "log.dirs=" + logDirs,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=2",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=2",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    @Override
    public void close() {
        process.close();
    }
}
