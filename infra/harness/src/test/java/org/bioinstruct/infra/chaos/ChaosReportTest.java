package org.bioinstruct.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bioinstruct.infra.audit.AuditReport;
import org.bioinstruct.infra.audit.Mismatch;
import org.bioinstruct.infra.audit.MismatchKind;
import org.junit.jupiter.api.Test;

class ChaosReportTest {
    @Test
    void countsMissingRecordsShardsAndVersionsAsLostAndDoubledOnesAsDuplicated() {
        AuditReport audit = new AuditReport(Map.of("generated", 600L), List.of(
                new Mismatch(MismatchKind.LOST, 2, List.of("a", "b")),
                new Mismatch(MismatchKind.ACCEPTED_IN_NO_SHARD, 3, List.of("c")),
                new Mismatch(MismatchKind.NOT_TRAINED, 1, List.of("shard-7")),
                new Mismatch(MismatchKind.ID_IN_TWO_SHARDS, 4, List.of("d")),
                new Mismatch(MismatchKind.TRAINED_TWICE, 1, List.of("shard-2")),
                new Mismatch(MismatchKind.CHECKSUM_MISMATCH, 1, List.of("shard-3"))));

        ChaosReport report = report(audit);

        assertEquals(6, report.lost());
        assertEquals(5, report.duplicated());
    }

    @Test
    void aConsistentAuditMeansNothingLostOrDuplicatedAndTheTableSaysSo() {
        ChaosReport report = report(new AuditReport(Map.of("generated", 600L), List.of()));

        assertEquals(0, report.lost());
        assertEquals(0, report.duplicated());
        String table = report.markdown();
        assertTrue(table.contains("| kill -9 of filter | 3 |"), table);
        assertTrue(table.contains("| **lost** | **0** |"), table);
        assertTrue(table.contains("| audit | consistent |"), table);
    }

    private static ChaosReport report(AuditReport audit) {
        return new ChaosReport(Map.of("filter", 3, "shard-builder", 3, "trainer", 3, "evaluator", 3), 1,
                List.of("kill -9 filter"), 600, 510, 90, 0, 24, 20, 4, 510, 21, 21, audit, 240);
    }
}
