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

class SettingsTest {

    @Test
    void commandLineOverridesWinOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stage.properties");
        Files.writeString(file, "a=1\nb=2\n");
        Settings settings = Settings.fromArgs("--config", file.toString(), "b=3");
        assertEquals("1", settings.string("a"));
        assertEquals(3, settings.intValue("b", 0, 0, 10));
    }

    @Test
    void outOfRangeNumberNamesKeyAndBounds() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Settings.of(Map.of("generator.count", "-5")).intValue("generator.count", 1, 1, 100));
        assertEquals("generator.count", e.key());
        assertTrue(e.getMessage().contains("between 1 and 100"), e.getMessage());
    }

    @Test
    void missingRequiredKeyIsNamed() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Settings.of(Map.of()).string("bootstrap.servers"));
        assertTrue(e.getMessage().contains("'bootstrap.servers' (not set)"), e.getMessage());
    }

    @Test
    void rejectsArgumentThatIsNeitherOptionNorAssignment() {
        assertThrows(InvalidConfigException.class, () -> Settings.fromArgs("oops"));
    }

    @Test
    void booleansAcceptOnlyClearWords() {
        Settings settings = Settings.of(Map.of("x", "yes", "y", "maybe"));
        assertTrue(settings.booleanValue("x", false));
        assertFalse(settings.booleanValue("z", false));
        assertThrows(InvalidConfigException.class, () -> settings.booleanValue("y", false));
    }

    @Test
    void prefixedSettingsAreStripped() {
        Settings settings = Settings.of(Map.of("kafka.security.protocol", "SSL", "other", "x"));
        assertEquals(Map.of("security.protocol", "SSL"), settings.withPrefix("kafka."));
    }
}
