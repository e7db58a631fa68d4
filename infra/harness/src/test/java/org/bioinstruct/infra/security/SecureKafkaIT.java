package org.bioinstruct.infra.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.bioinstruct.infra.process.BuiltModule;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.registry.SchemaRegistryServer;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.bioinstruct.schemas.registry.RegistryException;
import org.bioinstruct.schemas.registry.SchemaRegistry;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS + SASL/SCRAM-SHA-512 end to end on a real broker: clients built from the project's one security block
 * round-trip a record, a wrong password is refused clearly, and the registry JVM — talking SASL_SSL to Kafka,
 * answering with basic auth on loopback only — never writes a secret to its log.
 */
class SecureKafkaIT {
    private static final String TRUSTSTORE_PW = SecureBroker.STORE_PASSWORD;
    private static final String REGISTRY_USER_PW = "registry-user-pw-5d2e";

    @TempDir
    static Path dir;

    private static SecureBroker broker;
    private static Path passwordFile;
    private static Path truststorePasswordFile;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SecureBroker.start(Files.createDirectories(dir.resolve("broker")));
        passwordFile = Files.writeString(dir.resolve("kafka-password"), SecureBroker.PASSWORD + "\n");
        truststorePasswordFile = Files.writeString(dir.resolve("truststore-password"), TRUSTSTORE_PW + "\n");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, String> kafkaOverrides(Path password) {
        return Settings.of(broker.securitySettings(password, truststorePasswordFile))
                .withPrefix(CommonKeys.KAFKA_PREFIX);
    }

    @Test
    void producerAndConsumerBuiltFromTheSecurityBlockRoundTripOverSaslSsl() throws Exception {
        Map<String, String> overrides = kafkaOverrides(passwordFile);
        String topic = "secure-roundtrip";
        try (Admin admin = Admin.create(KafkaClientConfigs.client(broker.saslSslBootstrap(), overrides))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientConfigs.transactionalProducer(
                broker.saslSslBootstrap(), "secure-tx", overrides))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("k"), bytes("over SASL_SSL")));
            producer.commitTransaction();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientConfigs.readCommittedConsumer(
                broker.saslSslBootstrap(), null, overrides))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertEquals(1, records.size());
            assertEquals("over SASL_SSL", new String(records.get(0).value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void clientWithAWrongPasswordIsRefusedWithAClearError() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "not-the-password");
        Map<String, Object> config = KafkaClientConfigs.client(broker.saslSslBootstrap(), kafkaOverrides(wrong));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.listTopics().names().get());
            SaslAuthenticationException cause = assertInstanceOf(SaslAuthenticationException.class, e.getCause());
            assertTrue(cause.getMessage().contains("Authentication failed"), cause.getMessage());
            assertTrue(cause.getMessage().contains("SCRAM-SHA-512"), cause.getMessage());
        }
    }

    @Test
    void registryOverSaslSslWithBasicAuthBindsLoopbackAndKeepsSecretsOutOfItsLog() throws Exception {
        Path users = Files.writeString(dir.resolve("registry-users"), "# user:password\nsvc:" + REGISTRY_USER_PW + "\n");
        Path userInfo = Files.writeString(dir.resolve("registry-user-info"), "svc:" + REGISTRY_USER_PW);
        Path log4j = Files.writeString(dir.resolve("log4j2-info.properties"), String.join("\n",
                "appender.console.type=Console", "appender.console.name=console",
                "appender.console.layout.type=PatternLayout", "appender.console.layout.pattern=%p [%c{1}] %m%n",
                "rootLogger.level=info", "rootLogger.appenderRef.console.ref=console", ""));
        Path log = dir.resolve("registry.log");
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("bootstrap.servers=" + broker.saslSslBootstrap(),
                "registry.port=" + port, "registry.topic=_schemas_secure", "registry.auth.users.file=" + users));
        broker.securitySettings(passwordFile, truststorePasswordFile).forEach((k, v) -> args.add(k + "=" + v));
        String classpath = ProjectLayout.detect().classpath(BuiltModule.REGISTRY);
        try (JvmProcess registry = JvmProcess.start("registry", classpath,
                List.of("-Xmx256m", "-Dlog4j2.configurationFile=" + log4j),
                SchemaRegistryServer.class.getName(), args, log)) {
            awaitLine(registry, log, "schema registry listening on");
            String url = "http://127.0.0.1:" + port;
            Schema schema = Schema.createRecord("Probe", null, "org.bioinstruct.test", false,
                    List.of(new Schema.Field("text", Schema.create(Schema.Type.STRING))));

            // as every stage builds its serde config: URL and credentials file from the stage's settings
            Settings stage = Settings.of(Map.of(SerdeConfig.REGISTRY_URL, url,
                    RegistryCredentials.USER_INFO_FILE, userInfo.toString()));
            SchemaRegistry authorised = SerdeConfig.registry(SerdeConfig.of(stage));
            try {
                assertTrue(authorised.register("probe-value", schema) >= 0);
            } catch (RegistryException e) {
                throw new AssertionError("authorised register failed; registry log:\n" + Files.readString(log), e);
            }

            RegistryException refused = assertThrows(RegistryException.class,
                    () -> SerdeConfig.registry(Map.of(SerdeConfig.REGISTRY_URL, url)).register("probe-value", schema));
            assertTrue(refused.getMessage().contains("401") || refused.getMessage().contains("Unauthorized"),
                    refused.getMessage());

            nonLoopbackAddress().ifPresent(address -> assertThrows(java.io.IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                }
            }, "registry must not listen on " + address + " by default"));
        }
        String text = Files.readString(log);
        assertTrue(text.contains("sasl.jaas.config"), "the Kafka clients' config dump is in the log:\n" + text);
        for (String secret : List.of(SecureBroker.PASSWORD, TRUSTSTORE_PW, REGISTRY_USER_PW)) {
            assertFalse(text.contains(secret), "secret leaked into the registry log");
        }
    }

    private static void awaitLine(JvmProcess process, Path log, String line) throws Exception {
        try {
            Await.until("the registry logs " + line, Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("registry exited:\n" + Files.readString(log));
                }
                return Files.exists(log) && Files.readString(log).contains(line);
            });
        } catch (AssertionError notReady) {
            throw new IllegalStateException("registry not ready:\n" + Files.readString(log), notReady);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
