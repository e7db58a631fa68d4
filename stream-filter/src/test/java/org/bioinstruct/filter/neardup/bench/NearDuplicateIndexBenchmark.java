package org.bioinstruct.filter.neardup.bench;

import java.util.concurrent.TimeUnit;
import org.bioinstruct.filter.neardup.NearDuplicateFilter;
import org.bioinstruct.filter.neardup.NearDuplicateIndex;
import org.bioinstruct.filter.neardup.SyntheticCorpus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Microseconds per decision (nearest, then add when accepted; instructions per second = 10^6 / score)
 * with {@code indexed} instructions already in the index. Each iteration starts from a freshly built index and decides one batch of 2,000 new tasks,
 * so the index holds the stated size (plus at most one batch) whatever the speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
public class NearDuplicateIndexBenchmark {
    static final int BATCH = 2000;

    @Param({"25000", "200000", "1000000"})
    public int indexed;

    @Param({"0.7", "0.5"})
    public double searchThreshold;

    private IndexedCorpus corpus;
    private NearDuplicateFilter filter;
    private int iteration;

    @Setup(Level.Trial)
    public void generate() {
        corpus = new IndexedCorpus(indexed, BATCH, 5);
    }

    @Setup(Level.Iteration)
    public void build() {
        NearDuplicateIndex index = corpus.fill(new NearDuplicateIndex(searchThreshold));
        if (iteration == 0) {
            IndexedCorpus.report("NearDuplicateIndex t=" + searchThreshold, index);
            System.out.printf("postings per indexed instruction %.1f%n", (double) index.postings() / index.size());
        }
        filter = new NearDuplicateFilter(index, NearDuplicateFilter.SELF_INSTRUCT_THRESHOLD);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void nearestThenAdd(Blackhole blackhole) {
        for (SyntheticCorpus.Task task : corpus.batch(iteration++)) {
            blackhole.consume(filter.check(task.id(), task.text()));
        }
    }
}
