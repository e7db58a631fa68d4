package org.bioinstruct.filter;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records processed since start, by accepted category, by reject reason and dead-lettered. Counted as
 * records pass the sinks, so a task aborted and reprocessed under exactly-once may be counted twice;
 * the topics themselves are the exact record.
 */
public final class FilterCounters {
    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder deadLettered = new LongAdder();
    private volatile long indexedTasks;
    private volatile long indexBytes;

    void accepted(String category) {
        accepted.computeIfAbsent(category, k -> new LongAdder()).increment();
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    /** The near-duplicate index's size, as its owner last reported it. */
    void index(long tasks, long bytes) {
        indexedTasks = tasks;
        indexBytes = bytes;
    }

    public long indexedTasks() {
        return indexedTasks;
    }

    public long indexBytes() {
        return indexBytes;
    }

    public Map<String, Long> acceptedByCategory() {
        return snapshot(accepted);
    }

    public Map<String, Long> rejectedByReason() {
        return snapshot(rejected);
    }

    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    public long total() {
        return sum(accepted) + sum(rejected) + deadLettered.sum();
    }

    public String summary() {
        return "processed=" + total() + " accepted=" + sum(accepted) + " " + acceptedByCategory() + " rejected="
                + sum(rejected) + " " + rejectedByReason() + " dlq=" + deadLettered.sum() + " index=" + indexedTasks
                + " tasks/" + indexBytes / (1 << 20) + " MB";
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static long sum(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
