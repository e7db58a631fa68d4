package org.bioinstruct.infra.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTest {
    @Test
    void startsEachStageWithItsDefaultHeap() {
        assertEquals("-Xmx384m", Stage.FILTER.jvmArgs(Map.of()).get(0));
        assertEquals("-Xmx1g", Stage.TRAINER.jvmArgs(Map.of()).get(0));
    }

    @Test
    void takesAStagesHeapFromItsEnvironmentVariable() {
        assertEquals("BIOINSTRUCT_SHARD_BUILDER_HEAP", Stage.SHARD_BUILDER.heapVariable());
        Map<String, String> environment = Map.of("BIOINSTRUCT_FILTER_HEAP", "2g");
        assertEquals("-Xmx2g", Stage.FILTER.jvmArgs(environment).get(0));
        assertEquals("-Xmx256m", Stage.GENERATOR.jvmArgs(environment).get(0), "other stages keep theirs");
        assertTrue(Stage.FILTER.jvmArgs(environment).stream().filter(a -> a.startsWith("-Xmx")).count() == 1);
    }

    @Test
    void refusesAHeapThatIsNotASizeNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stage.FILTER.jvmArgs(Map.of("BIOINSTRUCT_FILTER_HEAP", "2 GB")));
        assertEquals("BIOINSTRUCT_FILTER_HEAP='2 GB' is not a heap size such as 512m or 2g", e.getMessage());
    }
}
