package org.bioinstruct.infra.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogCodecTest {
    private final LogCodec codec = new LogCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyEventSurvivesEncodingAndDecoding() {
        List<StoreEvent> events = List.of(
                new StoreEvent.VersionWritten(new SchemaVersion("t-value", 3, 7, AvroFixtures.V1, true)),
                new StoreEvent.VersionErased("t-value", 3),
                new StoreEvent.ConfigSet(null, CompatibilityLevel.FULL),
                new StoreEvent.ConfigSet("t-value", CompatibilityLevel.NONE),
                new StoreEvent.ConfigCleared("t-value"));
        for (StoreEvent event : events) {
            LogCodec.Entry entry = codec.encode(event);
            assertEquals(Optional.of(event), codec.decode(entry.key(), entry.value()));
        }
    }

    @Test
    void writeAndEraseOfOneVersionShareTheKeySoCompactionKeepsTheLatest() {
        LogCodec.Entry written = codec.encode(
                new StoreEvent.VersionWritten(new SchemaVersion("t-value", 1, 1, AvroFixtures.V1, false)));
        LogCodec.Entry erased = codec.encode(new StoreEvent.VersionErased("t-value", 1));
        assertArrayEquals(written.key(), erased.key());
        assertNull(erased.value());
    }

    @Test
    void readsConfluentStyleRecordsAndSkipsKeyTypesItDoesNotUse() {
        assertEquals(Optional.of(new StoreEvent.ConfigSet(null, CompatibilityLevel.FORWARD)),
                codec.decode(utf8("{\"keytype\":\"CONFIG\",\"magic\":0}"),
                        utf8("{\"compatibilityLevel\":\"FORWARD\"}")));
        assertEquals(Optional.empty(), codec.decode(utf8("{\"keytype\":\"NOOP\",\"magic\":0}"), null));
    }

    @Test
    void unreadableRecordsAreRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> codec.decode(utf8("not json"), null));
        assertThrows(IllegalArgumentException.class,
                () -> codec.decode(utf8("{\"keytype\":\"SCHEMA\",\"subject\":\"s\"}"), utf8("{}")));
        assertThrows(IllegalArgumentException.class,
                () -> codec.decode(utf8("{\"keytype\":\"CONFIG\"}"), utf8("{\"compatibilityLevel\":\"SIDEWAYS\"}")));
    }
}
