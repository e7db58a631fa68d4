package org.bioinstruct.schemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    @Test
    void plaintextIsTheDefaultAndOtherOverridesPassThrough() {
        Map<String, String> props = KafkaSecurity.clientProperties(Map.of("linger.ms", "5"), NO_ENV);
        assertEquals("PLAINTEXT", props.get("security.protocol"));
        assertEquals("5", props.get("linger.ms"));
        assertFalse(props.containsKey("sasl.jaas.config"));
    }

    @Test
    void saslSslBuildsScramJaasConfigFromPasswordFileAndTruststore() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cr\"et\n");
        Path truststore = Files.writeString(dir.resolve("trust.p12"), "not parsed here");
        Path trustPassword = Files.writeString(dir.resolve("tpw"), "trust-pw");
        Map<String, String> props = KafkaSecurity.clientProperties(Map.of(
                "security.protocol", "sasl_ssl", "sasl.username", "alice", "sasl.password.file", password.toString(),
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password.file", trustPassword.toString()), NO_ENV);
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
                + "password=\"s3cr\\\"et\";", props.get("sasl.jaas.config"));
        assertEquals("trust-pw", props.get("ssl.truststore.password"));
        assertFalse(props.containsKey("sasl.username"));
        assertFalse(props.containsKey("sasl.password.file"));
        assertFalse(props.containsKey("ssl.truststore.password.file"));
    }

    @Test
    void passwordComesFromTheEnvironmentWhenNoFileIsNamed() {
        Map<String, String> props = KafkaSecurity.clientProperties(Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.username", "bob"), Map.of(KafkaSecurity.PASSWORD_ENV, "from-env")::get);
        assertTrue(props.get("sasl.jaas.config").contains("password=\"from-env\""));
    }

    @Test
    void refusesPlainPasswordSettingsNamingTheKeyWithoutTheValue() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> KafkaSecurity.clientProperties(
                Map.of("sasl.jaas.config", "x required password=\"hunter2\";"), NO_ENV));
        assertEquals("kafka.sasl.jaas.config", e.key());
        assertFalse(e.getMessage().contains("hunter2"));
        assertThrows(InvalidConfigException.class, () -> KafkaSecurity.clientProperties(
                Map.of("ssl.truststore.password", "hunter2"), NO_ENV));
    }

    @Test
    void saslWithoutUsernameOrPasswordFailsNamingTheMissingKey() {
        assertEquals("kafka.sasl.username", assertThrows(InvalidConfigException.class,
                () -> KafkaSecurity.clientProperties(Map.of("security.protocol", "SASL_SSL"), NO_ENV)).key());
        assertEquals("kafka.sasl.password.file", assertThrows(InvalidConfigException.class,
                () -> KafkaSecurity.clientProperties(Map.of("security.protocol", "SASL_SSL", "sasl.username", "a"),
                        NO_ENV)).key());
    }

    @Test
    void rejectsUnknownProtocolMechanismAndMissingTruststore() {
        assertEquals("kafka.security.protocol", assertThrows(InvalidConfigException.class,
                () -> KafkaSecurity.clientProperties(Map.of("security.protocol", "TLS"), NO_ENV)).key());
        assertEquals("kafka.sasl.mechanism", assertThrows(InvalidConfigException.class,
                () -> KafkaSecurity.clientProperties(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism",
                        "GSSAPI", "sasl.username", "a"), NO_ENV)).key());
        assertEquals("kafka.ssl.truststore.location", assertThrows(InvalidConfigException.class,
                () -> KafkaSecurity.clientProperties(Map.of("security.protocol", "SSL", "ssl.truststore.location",
                        dir.resolve("missing.p12").toString()), NO_ENV)).key());
        assertEquals("kafka.sasl.password.file", assertThrows(InvalidConfigException.class,
                () -> KafkaSecurity.clientProperties(Map.of("security.protocol", "SASL_SSL", "sasl.username", "a",
                        "sasl.password.file", dir.resolve("nope").toString()), NO_ENV)).key());
    }

    @Test
    void everyClientBuilderAppliesTheSecurityBlock() {
        Map<String, String> overrides = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.username", "u");
        assertThrows(InvalidConfigException.class, () -> KafkaClientConfigs.transactionalProducer("b:1", "t", overrides));
        assertThrows(InvalidConfigException.class, () -> KafkaClientConfigs.readCommittedConsumer("b:1", "g", overrides));
        assertThrows(InvalidConfigException.class, () -> KafkaClientConfigs.client("b:1", overrides));
        assertEquals("SSL", KafkaClientConfigs.clientProperties("b:1", Map.of("security.protocol", "SSL"))
                .getProperty("security.protocol"));
    }
}
