package org.bioinstruct.infra.chaos;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.audit.Mismatch;
import org.bioinstruct.infra.audit.MismatchKind;

/**
 * What a chaos run did and what the audit found afterwards. Lost and duplicated sum the audit's mismatch
 * counts of the kinds that mean an instruction, shard or version went missing or was counted twice.
 */
public record ChaosReport(Map<String, Integer> killsPerStage, int brokerRestarts, List<String> faults,
                          long generated, long accepted, long rejected, long deadLettered, int shards,
                          int trainShards, int evalShards, long examplesInShards, int adapterVersions,
                          int newestAdapterVersion, AuditReport audit, double seconds) {
    static final Set<MismatchKind> LOST = EnumSet.of(MismatchKind.LOST, MismatchKind.ACCEPTED_IN_NO_SHARD,
            MismatchKind.NOT_TRAINED, MismatchKind.SHARD_FILE_MISSING);
    static final Set<MismatchKind> DUPLICATED = EnumSet.of(MismatchKind.DUPLICATED_OUTCOME,
            MismatchKind.ID_IN_TWO_SHARDS, MismatchKind.DUPLICATE_MANIFEST, MismatchKind.TRAINED_TWICE,
            MismatchKind.DUPLICATE_VERSION);

    public ChaosReport {
        killsPerStage = Map.copyOf(killsPerStage);
        faults = List.copyOf(faults);
    }

    public long lost() {
        return sum(LOST);
    }

    public long duplicated() {
        return sum(DUPLICATED);
    }

    private long sum(Set<MismatchKind> kinds) {
        return audit.mismatches().stream().filter(m -> kinds.contains(m.kind())).mapToLong(Mismatch::count).sum();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("| figure | value |\n|---|---|\n");
        killsPerStage.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> row(md, "kill -9 of " + e.getKey(), e.getValue()));
        row(md, "broker restarts (stop, pause, start on the same data dir and port)", brokerRestarts);
        row(md, "generated", generated);
        row(md, "accepted", accepted);
        row(md, "rejected", rejected);
        row(md, "dead-lettered", deadLettered);
        row(md, "shards (train / eval)", shards + " (" + trainShards + " / " + evalShards + ")");
        row(md, "examples in shards", examplesInShards);
        row(md, "adapter versions (newest)", adapterVersions + " (v" + newestAdapterVersion + ")");
        row(md, "**lost**", "**" + lost() + "**");
        row(md, "**duplicated**", "**" + duplicated() + "**");
        row(md, "audit", audit.consistent() ? "consistent" : "MISMATCH " + audit.mismatches().stream()
                .map(m -> m.kind() + " x" + m.count()).toList());
        row(md, "total time", String.format(Locale.ROOT, "%.0f s", seconds));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Object value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
