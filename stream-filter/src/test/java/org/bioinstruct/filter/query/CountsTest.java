package org.bioinstruct.filter.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountsTest {
    private final Counts one = new Counts(Map.of("QA", 2L, "IE", 1L), Map.of("TOO_SHORT", 1L), 1);
    private final Counts other = new Counts(Map.of("QA", 3L, "GEN", 4L), Map.of("DUPLICATE_EXACT", 2L), 0);

    @Test
    void sumsInstancesLabelByLabel() {
        Counts sum = one.plus(other);
        assertEquals(Map.of("QA", 5L, "IE", 1L, "GEN", 4L), sum.accepted());
        assertEquals(Map.of("TOO_SHORT", 1L, "DUPLICATE_EXACT", 2L), sum.rejected());
        assertEquals(1, sum.deadLettered());
        assertEquals(14, sum.total());
    }

    @Test
    void writesTheDocumentedJson() {
        assertEquals("{\"accepted\":{\"IE\":1,\"QA\":2},\"rejected\":{\"TOO_SHORT\":1},\"deadLettered\":1,\"total\":5}",
                new String(CountsJson.write(one.toJson()), StandardCharsets.UTF_8));
    }

    @Test
    void readsBackWhatItWrites() throws IOException {
        assertEquals(other, CountsJson.parse(CountsJson.write(other.toJson())));
    }

    @Test
    void refusesJsonThatIsNotCounts() {
        assertThrows(IOException.class, () -> CountsJson.parse("{\"error\":\"rebalancing\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
