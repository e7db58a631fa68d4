package org.bioinstruct.infra.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** How many times each id occurs, in first-seen order, and the total. */
final class IdCounts {
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private long total;

    void add(String id) {
        counts.merge(id, 1, Integer::sum);
        total++;
    }

    int of(String id) {
        return counts.getOrDefault(id, 0);
    }

    boolean contains(String id) {
        return counts.containsKey(id);
    }

    Set<String> ids() {
        return counts.keySet();
    }

    long total() {
        return total;
    }
}
