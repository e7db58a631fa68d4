package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CategoryMixtureTest {
    private static final Set<String> KNOWN = Set.of("QA", "IE", "GEN", "OTHER");

    @Test
    void turnsWeightsIntoWholeQuotasThatFillTheShard() {
        CategoryMixture mixture = CategoryMixture.parse("qa:2, IE:1,GEN:1", KNOWN);

        assertEquals(Map.of("QA", 32, "IE", 16, "GEN", 16), mixture.quotas(64));
        assertEquals(Map.of("QA", 5, "IE", 3, "GEN", 2), mixture.quotas(10), "largest remainders, QA 5 + 2.5 + 2.5");
        assertEquals(10, mixture.quotas(10).values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void rejectsUnknownCategoriesBadWeightsAndSharesThatRoundToNothing() {
        assertThrows(IllegalArgumentException.class, () -> CategoryMixture.parse("QA:1,XX:1", KNOWN));
        assertThrows(IllegalArgumentException.class, () -> CategoryMixture.parse("QA:0", KNOWN));
        assertThrows(IllegalArgumentException.class, () -> CategoryMixture.parse("QA", KNOWN));
        assertThrows(IllegalArgumentException.class, () -> CategoryMixture.parse("QA:1,QA:2", KNOWN));
        assertThrows(IllegalArgumentException.class, () -> CategoryMixture.parse("QA:100,IE:1", KNOWN).quotas(20));
    }
}
