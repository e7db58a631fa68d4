package org.bioinstruct.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerdeConfigTest {

    @TempDir
    Path dir;

    @Test
    void carriesTheRegistryUrlAndTheCredentialsFileOfAStagesSettings() throws Exception {
        Path file = Files.writeString(dir.resolve("registry-user"), "svc:pw\n");
        Settings settings = Settings.of(Map.of(SerdeConfig.REGISTRY_URL, " http://registry:8081 ",
                RegistryCredentials.USER_INFO_FILE, file.toString(), "bootstrap.servers", "kafka:9092"));
        assertEquals(Map.of(SerdeConfig.REGISTRY_URL, "http://registry:8081", RegistryCredentials.USER_INFO_FILE,
                file.toString()), SerdeConfig.of(settings));
    }

    @Test
    void needsTheRegistryUrl() {
        assertEquals(SerdeConfig.REGISTRY_URL, assertThrows(InvalidConfigException.class,
                () -> SerdeConfig.of(Settings.of(Map.of()))).key());
    }

    @Test
    void failsAtStartUpOnAMissingCredentialsFileNamingItsKey() {
        Settings settings = Settings.of(Map.of(SerdeConfig.REGISTRY_URL, "http://registry:8081",
                RegistryCredentials.USER_INFO_FILE, dir.resolve("absent").toString()));
        assertEquals(RegistryCredentials.USER_INFO_FILE,
                assertThrows(InvalidConfigException.class, () -> SerdeConfig.of(settings)).key());
    }

    @Test
    void refusesAPasswordGivenAsAPlainSettingWithoutShowingIt() {
        Settings settings = Settings.of(Map.of(SerdeConfig.REGISTRY_URL, "http://registry:8081",
                RegistryCredentials.USER_INFO, "svc:hunter2"));
        InvalidConfigException refused = assertThrows(InvalidConfigException.class, () -> SerdeConfig.of(settings));
        assertEquals(RegistryCredentials.USER_INFO, refused.key());
        assertFalse(refused.getMessage().contains("hunter2"));
    }
}
