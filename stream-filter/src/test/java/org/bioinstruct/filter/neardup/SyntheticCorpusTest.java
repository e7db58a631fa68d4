package org.bioinstruct.filter.neardup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bioinstruct.schemas.text.RougeTokenizer;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    @Test
    void theSameSeedGivesTheSameTasks() {
        assertEquals(new SyntheticCorpus(3, 0.1).take(500), new SyntheticCorpus(3, 0.1).take(500));
        assertNotEquals(new SyntheticCorpus(3, 0.1).take(50), new SyntheticCorpus(4, 0.1).take(50));
    }

    @Test
    void plantsNearDuplicatesAtTheRequestedRate() {
        List<SyntheticCorpus.Task> tasks = new SyntheticCorpus(5, 0.2).take(5000);
        long planted = tasks.stream().filter(SyntheticCorpus.Task::planted).count();
        assertTrue(planted > 900 && planted < 1100, "planted " + planted);
        assertEquals(0, new SyntheticCorpus(5, 0).take(1000).stream().filter(SyntheticCorpus.Task::planted).count());
    }

    @Test
    void originalTasksHaveEightToAboutEightyTokens() {
        for (SyntheticCorpus.Task task : new SyntheticCorpus(6, 0).take(3000)) {
            int tokens = RougeTokenizer.tokens(task.text()).size();
            assertTrue(tokens >= 8 && tokens <= 90, tokens + " tokens: " + task.text());
        }
    }
}
