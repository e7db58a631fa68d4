package org.bioinstruct.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

    @Test
    void behavesLikeAJavaSetAcrossGrowthIncludingZeroAndNegatives() {
        LongHashSet set = new LongHashSet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            long value = i % 7 == 0 ? random.nextInt(100) - 50 : random.nextLong();
            assertEquals(reference.add(value), set.add(value), "adding " + value);
        }
        assertEquals(reference.size(), set.size());
        set.add(0L);
        assertFalse(set.add(0L), "zero is a value like any other");
        assertTrue(reference.stream().noneMatch(set::add), "everything added stays there");
    }
}
