package org.bioinstruct.filter.neardup.bench;

import java.util.concurrent.TimeUnit;
import org.bioinstruct.filter.neardup.ExhaustiveNearDuplicates;
import org.bioinstruct.filter.neardup.NearDuplicateFilter;
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
 * Microseconds per decision by Self-Instruct's exhaustive comparison (dynamic-programming LCS against every
 * accepted text), on the same data, in batches of 20 tasks: its cost is linear in the accepted count, so
 * 1M is extrapolated from 200k (x5) rather than measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
public class ExhaustiveBaselineBenchmark {
    static final int BATCH = 20;

    @Param({"25000", "200000"})
    public int indexed;

    private IndexedCorpus corpus;
    private NearDuplicateFilter filter;
    private int iteration;

    @Setup(Level.Trial)
    public void generate() {
        corpus = new IndexedCorpus(indexed, BATCH, 5);
    }

    @Setup(Level.Iteration)
    public void build() {
        ExhaustiveNearDuplicates exhaustive = corpus.fill(new ExhaustiveNearDuplicates(0.7));
        if (iteration == 0) {
            IndexedCorpus.report("ExhaustiveNearDuplicates", exhaustive);
        }
        filter = new NearDuplicateFilter(exhaustive, NearDuplicateFilter.SELF_INSTRUCT_THRESHOLD);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void nearestThenAdd(Blackhole blackhole) {
        for (SyntheticCorpus.Task task : corpus.batch(iteration++)) {
            blackhole.consume(filter.check(task.id(), task.text()));
        }
    }
}
