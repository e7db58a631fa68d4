package org.bioinstruct.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void readsUserInfoFromFileOrEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("ui"), "svc:pw-file\n");
        assertEquals("svc:pw-file", RegistryCredentials.userInfo(Map.of(RegistryCredentials.USER_INFO_FILE,
                file.toString()), n -> null).orElseThrow().reveal());
        assertEquals("svc:pw-env", RegistryCredentials.userInfo(Map.of(),
                Map.of(RegistryCredentials.USER_INFO_ENV, "svc:pw-env")::get).orElseThrow().reveal());
        assertTrue(RegistryCredentials.userInfo(Map.of(), n -> null).isEmpty());
    }

    @Test
    void refusesPlainUserInfoAndMalformedCredentials() {
        InvalidConfigException plain = assertThrows(InvalidConfigException.class,
                () -> RegistryCredentials.userInfo(Map.of(RegistryCredentials.USER_INFO, "svc:hunter2"), n -> null));
        assertEquals(RegistryCredentials.USER_INFO, plain.key());
        assertFalse(plain.getMessage().contains("hunter2"));
        assertEquals(RegistryCredentials.USER_INFO_ENV, assertThrows(InvalidConfigException.class,
                () -> RegistryCredentials.userInfo(Map.of(), n -> "no-colon")).key());
    }

    @Test
    void confluentClientGetsUserInfoSource() {
        assertEquals(Map.of(), RegistryCredentials.clientConfig(Optional.empty()));
        assertEquals("USER_INFO", RegistryCredentials.clientConfig(Optional.of(
                org.bioinstruct.schemas.config.Secret.of("a:b"))).get("basic.auth.credentials.source"));
    }
}
