package org.bioinstruct.infra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void defaultsToLocalhost8081AndTheSchemasTopic() {
        RegistrySettings config = RegistrySettings.from(Settings.fromArgs("bootstrap.servers=localhost:9092"));
        assertEquals("127.0.0.1", config.host());
        assertEquals(8081, config.port());
        assertEquals("_schemas", config.topic());
        assertEquals(Duration.ofSeconds(30), config.kafkaTimeout());
        assertEquals(Map.of(), config.kafkaOverrides());
    }

    @Test
    void readsOverridesAndKafkaPrefixedClientProperties() {
        RegistrySettings config = RegistrySettings.from(Settings.fromArgs("bootstrap.servers=b:9092",
                "registry.port=0", "registry.host=0.0.0.0", "registry.topic=_schemas_test",
                "kafka.security.protocol=PLAINTEXT"));
        assertEquals(0, config.port());
        assertEquals("0.0.0.0", config.host());
        assertEquals("_schemas_test", config.topic());
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), config.kafkaOverrides());
    }

    @Test
    void failsNamingTheKeyThatIsMissingOrWrong() {
        assertEquals("bootstrap.servers", assertThrows(InvalidConfigException.class,
                () -> RegistrySettings.from(Settings.fromArgs("registry.port=8081"))).key());
        assertEquals("registry.port", assertThrows(InvalidConfigException.class,
                () -> RegistrySettings.from(Settings.fromArgs("bootstrap.servers=b:9092", "registry.port=70000"))).key());
        assertEquals("registry.topic", assertThrows(InvalidConfigException.class,
                () -> RegistrySettings.from(Settings.fromArgs("bootstrap.servers=b:9092", "registry.topic=bad topic"))).key());
    }
}
