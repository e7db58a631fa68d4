package org.bioinstruct.generator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a backend one step ahead in its own thread, so that writing tasks (an LLM request, the offline
 * synthesizer) overlaps with serializing and sending the previous ones. Order is kept: one thread asks
 * the delegate, in sequence, for batches of {@code batchSize}, never for more than {@code limit} tasks in
 * all (0 = no limit), keeping at most {@code depth} batches ready.
 */
public final class PrefetchingBackend implements GenerationBackend {
    private static final List<CandidateTask> END = List.of();

    private final GenerationBackend delegate;
    private final BlockingQueue<Object> ready;
    private final Deque<CandidateTask> current = new ArrayDeque<>();
    private final Thread worker;
    private boolean exhausted;

    public PrefetchingBackend(GenerationBackend delegate, int batchSize, int depth, long limit) {
        this.delegate = delegate;
        this.ready = new ArrayBlockingQueue<>(depth);
        this.worker = new Thread(() -> fill(batchSize, limit), "generator-prefetch");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void fill(int batchSize, long limit) {
        long produced = 0;
        try {
            while (limit == 0 || produced < limit) {
                int wanted = (int) (limit == 0 ? batchSize : Math.min(batchSize, limit - produced));
                List<CandidateTask> batch = delegate.nextBatch(wanted);
                ready.put(batch);
                if (batch.isEmpty()) {
                    return;
                }
                produced += batch.size();
            }
            ready.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ready.offer(e);
        }
    }

    @Override
    public List<CandidateTask> nextBatch(int size) {
        List<CandidateTask> out = new ArrayList<>(size);
        while (out.size() < size && !exhausted) {
            if (current.isEmpty() && !takeNextBatch()) {
                break;
            }
            out.add(current.poll());
        }
        return out;
    }

    private boolean takeNextBatch() {
        Object next;
        try {
            next = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for generated tasks", e);
        }
        if (next instanceof RuntimeException failure) {
            exhausted = true;
            throw failure;
        }
        @SuppressWarnings("unchecked")
        List<CandidateTask> batch = (List<CandidateTask>) next;
        exhausted = batch.isEmpty();
        current.addAll(batch);
        return !exhausted;
    }

    @Override
    public String source() {
        return delegate.source();
    }

    @Override
    public String promptVersion() {
        return delegate.promptVersion();
    }

    @Override
    public boolean contentAddressed() {
        return delegate.contentAddressed();
    }

    @Override
    public Map<String, Number> counters() {
        return delegate.counters();
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }
}
