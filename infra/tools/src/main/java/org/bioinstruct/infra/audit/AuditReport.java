package org.bioinstruct.infra.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code bioinstruct audit} found: every count it reconciled and every mismatch, with example ids.
 * Consistent when there is no mismatch.
 */
public record AuditReport(Map<String, Long> counts, List<Mismatch> mismatches) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AuditReport {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        mismatches = List.copyOf(mismatches);
    }

    public boolean consistent() {
        return mismatches.isEmpty();
    }

    public long count(String name) {
        Long value = counts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no count named " + name + "; known: " + counts.keySet());
        }
        return value;
    }

    public Optional<Mismatch> mismatch(MismatchKind kind) {
        return mismatches.stream().filter(m -> m.kind() == kind).findFirst();
    }

    public String toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("consistent", consistent());
        tree.put("counts", counts);
        tree.put("mismatches", mismatches);
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the audit report", e);
        }
    }
}
