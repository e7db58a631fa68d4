package org.bioinstruct.filter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CountStoresTest {
    @Test
    void turnsStoreKeysIntoCountsByCounterAndLabel() {
        Counts counts = CountStores.counts(Map.of(
                "accepted/QA", 3L, "accepted/IE", 1L,
                "rejected/TOO_SHORT", 2L, "rejected/DUPLICATE_NEAR", 4L,
                "dead-lettered/bioinstruct.instructions.raw", 5L, "dead-lettered/other.topic", 1L));
        assertEquals(new Counts(Map.of("QA", 3L, "IE", 1L), Map.of("TOO_SHORT", 2L, "DUPLICATE_NEAR", 4L), 6), counts);
        assertEquals(16, counts.total());
    }

    @Test
    void ignoresKeysOfCountersItDoesNotKnow() {
        assertEquals(new Counts(Map.of("GEN", 1L), Map.of(), 0),
                CountStores.counts(Map.of("accepted/GEN", 1L, "flagged/X", 7L, "orphan", 2L)));
    }

    @Test
    void keysLabelsWithTheirCounter() {
        assertEquals("rejected/DUPLICATE_EXACT", CountStores.key("rejected", "DUPLICATE_EXACT"));
    }
}
