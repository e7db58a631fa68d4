package org.bioinstruct.infra.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.junit.jupiter.api.Test;

class DashboardStateTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void foldsRecordsIntoCountsAndKeepsTheNewestEvalFigure() throws Exception {
        DashboardState state = new DashboardState();
        long before = state.version();
        state.add(EvalReportTest.m(1, "heldout", Category.QA, "all", "score", 0.4, 0.3));
        state.add(EvalReportTest.m(1, "heldout", Category.QA, "all", "score", 0.5, 0.3));
        state.add(EvalReportTest.m(2, "heldout", Category.QA, "all", "score", 0.6, 0.3));
        for (String reason : new String[] {"TOO_SHORT", "TOO_SHORT", "DUPLICATE_EXACT"}) {
            state.add(RejectedInstruction.newBuilder().setId("x").setRunId("r").setInstruction("i").setOutput("o")
                    .setSource("s").setReason(reason).setDetail("").setCreatedAt(Instant.EPOCH).setRejectedAt(Instant.EPOCH).build());
        }
        state.add(ShardManifest.newBuilder().setShardId("s1").setUri("file:///s1").setSplit(Split.TRAIN).setRecordCount(5)
                .setCategoryCounts(Map.of("QA", 3, "IE", 2, "GEN", 0)).setSha256("0").setByteSize(1)
                .setCreatedAt(Instant.EPOCH).build());
        state.add(TrainingMetric.newBuilder().setRunId("r").setAdapterVersion(1).setShardId("s1").setStep(1).setLoss(2.5)
                .setLearningRate(1e-3).setTokensPerSecond(900).setGradNorm(1).setTimestamp(Instant.EPOCH).build());

        JsonNode json = JSON.readTree(state.toJson());
        assertEquals(2, json.get("eval").size(), "one figure per version, the later record of v1 replacing the earlier");
        assertEquals(0.5, json.at("/eval/0/value").asDouble());
        assertEquals(JSON.readTree("{\"DUPLICATE_EXACT\":1,\"TOO_SHORT\":2}"), json.get("rejected"));
        assertEquals(JSON.readTree("{\"IE\":1,\"QA\":1}"), json.get("shardsPerCategory"));
        assertEquals(JSON.readTree("{\"IE\":2,\"QA\":3}"), json.get("examplesPerCategory"));
        assertEquals(2.5, json.at("/training/0/loss").asDouble());
        assertTrue(state.version() >= before + 8);
    }
}
