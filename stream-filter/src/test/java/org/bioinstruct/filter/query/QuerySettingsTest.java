package org.bioinstruct.filter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class QuerySettingsTest {

    @Test
    void defaultsToAnyFreeLoopbackPort() {
        assertEquals(new QuerySettings(true, "127.0.0.1", 0, "127.0.0.1", Duration.ofSeconds(2)), QuerySettings.defaults());
    }

    @Test
    void readsEveryKey() {
        QuerySettings settings = QuerySettings.from(Settings.of(Map.of("filter.query.enabled", "false",
                "filter.query.host", "0.0.0.0", "filter.query.port", "7070",
                "filter.query.advertised.host", "filter-1.internal", "filter.query.peer.timeout.ms", "500")));
        assertFalse(settings.enabled());
        assertEquals("0.0.0.0", settings.host());
        assertEquals(7070, settings.port());
        assertEquals("filter-1.internal", settings.advertisedHost());
        assertEquals(Duration.ofMillis(500), settings.peerTimeout());
    }

    @Test
    void aWildcardHostNeedsAnAdvertisedHost() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> QuerySettings.from(Settings.of(Map.of("filter.query.host", "0.0.0.0"))));
        assertTrue(e.getMessage().contains("'filter.query.advertised.host'"), e.getMessage());
    }

    @Test
    void refusesAPortOutOfRange() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> QuerySettings.from(Settings.of(Map.of("filter.query.port", "70000"))));
        assertTrue(e.getMessage().contains("'filter.query.port'"), e.getMessage());
    }
}
