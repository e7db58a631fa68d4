package org.bioinstruct.filter.neardup.bench;

import java.util.List;
import org.bioinstruct.filter.neardup.NearDuplicates;
import org.bioinstruct.filter.neardup.SyntheticCorpus;

/**
 * The benchmarks' data: a seeded synthetic stream whose first {@code indexed} original (not planted)
 * tasks stand for the accepted history, followed by fresh tasks to decide, {@code batch} per iteration.
 */
final class IndexedCorpus {
    static final long SEED = 42;
    static final double PLANTED_RATE = 0.1;

    private final List<SyntheticCorpus.Task> history;
    private final List<SyntheticCorpus.Task> stream;
    private final int batch;

    IndexedCorpus(int indexed, int batch, int iterations) {
        SyntheticCorpus corpus = new SyntheticCorpus(SEED, PLANTED_RATE);
        this.history = new java.util.ArrayList<>(indexed);
        while (history.size() < indexed) {
            SyntheticCorpus.Task task = corpus.next();
            if (!task.planted()) {
                history.add(task);
            }
        }
        this.stream = corpus.take(batch * iterations);
        this.batch = batch;
    }

    <T extends NearDuplicates> T fill(T accepted) {
        for (SyntheticCorpus.Task task : history) {
            accepted.add(task.id(), task.text());
        }
        return accepted;
    }

    /** The tasks of one iteration; iterations past the last start over. */
    List<SyntheticCorpus.Task> batch(int iteration) {
        int from = (iteration * batch) % stream.size();
        return stream.subList(from, from + batch);
    }

    static void report(String label, NearDuplicates accepted) {
        System.out.printf("%n%s: %d indexed, approximateBytes %d, %.0f bytes per indexed instruction%n", label,
                accepted.size(), accepted.approximateBytes(), (double) accepted.approximateBytes() / accepted.size());
    }
}
