package org.bioinstruct.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.infra.process.ProjectLayout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite ({@code mvn -pl infra verify -Pchaos}, after every module's {@code package}): the demo
 * pipeline with three kill -9s each of the filter, shard-builder, trainer and evaluator at seeded random
 * points and one broker restart; after it drains, the audit finds nothing lost and nothing duplicated.
 */
@Tag("slow")
class PipelineChaosIT {
    @TempDir
    Path tmp;

    @Test
    void pipelineLosesAndDuplicatesNothingUnderKillsAndABrokerRestart() throws Exception {
        ChaosReport report = new ChaosRun(ProjectLayout.detect(), System.out)
                .run(ChaosOptions.standard(tmp.resolve("run"), 8));
        System.out.print(report.markdown());

        assertEquals(Map.of("filter", 3, "shard-builder", 3, "trainer", 3, "evaluator", 3), report.killsPerStage());
        assertEquals(1, report.brokerRestarts());
        assertEquals(480, report.generated());
        assertEquals(report.generated(), report.accepted() + report.rejected() + report.deadLettered());
        assertEquals(report.accepted(), report.examplesInShards(), "every accepted example in a shard");
        assertTrue(report.trainShards() >= 3, report.markdown());
        assertEquals(0, report.lost(), report.audit().toJson());
        assertEquals(0, report.duplicated(), report.audit().toJson());
        assertTrue(report.audit().consistent(), report.audit().toJson());
        assertEquals(report.generated(), report.audit().count("generated"));
    }
}
