package org.bioinstruct.infra.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the audit's counts and mismatches; keeps at most {@code limit} examples per kind. */
final class Findings {
    private final int limit;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<MismatchKind, List<String>> examples = new EnumMap<>(MismatchKind.class);
    private final Map<MismatchKind, Long> mismatchCounts = new EnumMap<>(MismatchKind.class);

    Findings(int limit) {
        this.limit = limit;
    }

    void count(String name, long value) {
        counts.put(name, value);
    }

    void mismatch(MismatchKind kind, String example) {
        mismatchCounts.merge(kind, 1L, Long::sum);
        List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < limit) {
            list.add(example);
        }
    }

    AuditReport report() {
        List<Mismatch> mismatches = new ArrayList<>();
        mismatchCounts.forEach((kind, count) -> mismatches.add(new Mismatch(kind, count, examples.get(kind))));
        return new AuditReport(counts, mismatches);
    }
}
