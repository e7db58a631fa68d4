package org.bioinstruct.schemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

    @TempDir
    Path dir;

    @Test
    void printsRedactedButRevealsItsValue() {
        Secret secret = Secret.of("hunter2");
        assertEquals("[redacted]", secret.toString());
        assertEquals("[redacted]", String.valueOf(secret));
        assertEquals("hunter2", secret.reveal());
    }

    @Test
    void fileWinsOverEnvironmentAndTrailingNewlineIsDropped() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        Settings settings = Settings.of(Map.of("x.password.file", file.toString()));
        assertEquals("from-file", Secret.fromFileOrEnv(settings, "x.password.file", "ENV", n -> "from-env")
                .orElseThrow().reveal());
        assertEquals("from-env", Secret.fromFileOrEnv(Settings.of(Map.of()), "x.password.file", "ENV",
                n -> "from-env").orElseThrow().reveal());
        assertTrue(Secret.fromFileOrEnv(Settings.of(Map.of()), "x.password.file", "ENV", n -> null).isEmpty());
    }

    @Test
    void unreadableOrEmptyFileFailsNamingTheKey() throws Exception {
        assertEquals("k", assertThrows(InvalidConfigException.class,
                () -> Secret.fromFile("k", dir.resolve("missing"))).key());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals("k", assertThrows(InvalidConfigException.class, () -> Secret.fromFile("k", empty)).key());
    }

    @Test
    void settingsDumpRedactsSecretLookingKeysButNotFilePaths() {
        Settings settings = Settings.of(Map.of("kafka.sasl.jaas.config", "x password=\"hunter2\"",
                "kafka.ssl.truststore.password", "hunter3", "kafka.sasl.password.file", "/run/secrets/pw",
                "bootstrap.servers", "b:9092"));
        String dump = settings.toString();
        assertFalse(dump.contains("hunter2"), dump);
        assertFalse(dump.contains("hunter3"), dump);
        assertTrue(dump.contains("/run/secrets/pw"), dump);
        assertTrue(dump.contains("b:9092"), dump);
    }
}
