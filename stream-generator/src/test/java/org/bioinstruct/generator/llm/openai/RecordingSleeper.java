package org.bioinstruct.generator.llm.openai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits asked for instead of sleeping. */
final class RecordingSleeper implements Sleeper {
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(long millis) {
        sleeps.add(millis);
    }

    List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
