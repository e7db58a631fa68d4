package org.bioinstruct.filter.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accepted tasks by category, rejected tasks by reason and dead-lettered records, of one instance or
 * summed over all.
 */
public record Counts(Map<String, Long> accepted, Map<String, Long> rejected, long deadLettered) {
    public static final Counts NONE = new Counts(Map.of(), Map.of(), 0);

    public Counts {
        accepted = Map.copyOf(accepted);
        rejected = Map.copyOf(rejected);
    }

    public Counts plus(Counts other) {
        return new Counts(sum(accepted, other.accepted), sum(rejected, other.rejected), deadLettered + other.deadLettered);
    }

    public long total() {
        return sum(accepted) + sum(rejected) + deadLettered;
    }

    /** The JSON body: {@code accepted}, {@code rejected} (sorted by label), {@code deadLettered}, {@code total}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accepted", new TreeMap<>(accepted));
        json.put("rejected", new TreeMap<>(rejected));
        json.put("deadLettered", deadLettered);
        json.put("total", total());
        return json;
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new TreeMap<>(a);
        b.forEach((label, n) -> out.merge(label, n, Long::sum));
        return out;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
