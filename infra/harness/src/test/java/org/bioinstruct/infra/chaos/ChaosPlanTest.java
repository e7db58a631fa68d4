package org.bioinstruct.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {
    private static final List<String> STAGES = List.of("filter", "shard-builder", "trainer", "evaluator");

    @Test
    void killsEveryStageTheRequestedNumberOfTimesAndRestartsTheBrokerOnce() {
        List<ChaosEvent> plan = ChaosPlan.of(STAGES, 3, 10_000, 100_000, 500, 3_000, 8);

        Map<String, Long> perTarget = plan.stream().collect(Collectors.groupingBy(ChaosEvent::target,
                Collectors.counting()));
        assertEquals(Map.of("filter", 3L, "shard-builder", 3L, "trainer", 3L, "evaluator", 3L, "broker", 1L), perTarget);
    }

    @Test
    void spreadsFaultsOverTheWindowInOrderWithGapsAndPausesInRange() {
        List<ChaosEvent> plan = ChaosPlan.of(STAGES, 3, 10_000, 104_000, 500, 3_000, 8);

        long slot = 104_000 / 13;
        for (int i = 0; i < plan.size(); i++) {
            ChaosEvent event = plan.get(i);
            assertTrue(event.atMillis() >= 10_000 + i * slot + slot / 4, event.toString());
            assertTrue(event.atMillis() <= 10_000 + i * slot + 3 * slot / 4, event.toString());
            assertTrue(event.pauseMillis() >= 500 && event.pauseMillis() <= 3_000, event.toString());
            if (i > 0) {
                assertNotEquals(plan.get(i - 1).target(), event.target(), "no stage hit twice in a row: " + plan);
                assertTrue(event.atMillis() - plan.get(i - 1).atMillis() >= slot / 2, plan.toString());
            }
        }
    }

    @Test
    void sameSeedGivesTheSamePlanAndAnotherSeedAnotherOne() {
        Function<Long, List<ChaosEvent>> plan = seed -> ChaosPlan.of(STAGES, 3, 0, 60_000, 500, 3_000, seed);

        assertEquals(plan.apply(8L), plan.apply(8L));
        assertNotEquals(plan.apply(8L), plan.apply(9L));
    }

    @Test
    void refusesAPlanWithoutKills() {
        assertThrows(IllegalArgumentException.class, () -> ChaosPlan.of(STAGES, 0, 0, 60_000, 500, 3_000, 1));
        assertThrows(IllegalArgumentException.class, () -> ChaosPlan.of(List.of(), 3, 0, 60_000, 500, 3_000, 1));
    }
}
