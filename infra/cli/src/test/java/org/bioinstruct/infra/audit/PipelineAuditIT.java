package org.bioinstruct.infra.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bioinstruct.infra.audit.PipelineFixture.ShardPlan;
import org.bioinstruct.infra.audit.PipelineFixture.VersionPlan;
import org.bioinstruct.infra.cli.BioInstructCliAccess;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.testkit.SingleNodeKafka;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bioinstruct audit} against a real broker: a consistent pipeline state, then one planted fault each. */
@Tag("slow")
class PipelineAuditIT {
    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    @RegisterExtension
    static final SingleNodeKafka kafka = SingleNodeKafka.perClass();

    @TempDir
    Path dir;

    @Test
    void consistentPipelineReconcilesEveryCountAndExitsZero() throws Exception {
        PipelineFixture fixture = fixture();
        fixture.publish();
        Path config = Files.writeString(dir.resolve("cluster.properties"), fixture.settings().asMap().entrySet()
                .stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        Path out = dir.resolve("report.json");

        int exit = BioInstructCliAccess.execute("audit", "--config", config.toString(), "--out", out.toString());

        JsonNode report = new ObjectMapper().readTree(out.toFile());
        assertEquals(0, exit, report.toPrettyString());
        assertTrue(report.get("consistent").asBoolean());
        assertEquals(0, report.get("mismatches").size());
        JsonNode counts = report.get("counts");
        Map<String, Integer> expected = Map.ofEntries(Map.entry("generated", 6), Map.entry("accepted", 4),
                Map.entry("rejected", 1), Map.entry("deadLetteredFromRaw", 1), Map.entry("shards", 3),
                Map.entry("examplesInShards", 4), Map.entry("acceptedTrain", 3), Map.entry("acceptedEval", 1),
                Map.entry("shardFilesVerified", 3), Map.entry("trainShards", 2), Map.entry("adapterVersions", 2),
                Map.entry("newestLineageVersions", 2), Map.entry("newestAdapterVersion", 2));
        expected.forEach((name, value) -> assertEquals(value, counts.get(name).asInt(), name));
    }

    @Test
    void reportsAnIdDuplicatedAcrossShards() throws Exception {
        PipelineFixture fixture = fixture();
        fixture.shards.put("t2", new ShardPlan("t2", Split.TRAIN, List.of("r3", "r1")));

        AuditReport report = audit(fixture);

        assertFalse(report.consistent());
        assertExamples(report, MismatchKind.ID_IN_TWO_SHARDS, "r1 in t1 and t2");
        assertEquals(5, report.count("examplesInShards"));
    }

    @Test
    void reportsAMissingShardFile() throws Exception {
        PipelineFixture fixture = fixture();
        fixture.publish();
        Files.delete(fixture.shardFile("e1"));

        AuditReport report = new PipelineAudit(fixture.settings()).run();

        assertExamples(report, MismatchKind.SHARD_FILE_MISSING, "e1: no file " + fixture.shardFile("e1"));
        assertEquals(2, report.count("shardFilesVerified"));
    }

    @Test
    void reportsAShardFileWhoseChecksumDiffersFromItsManifest() throws Exception {
        PipelineFixture fixture = fixture();
        fixture.publish();
        Path file = fixture.shardFile("t1");
        Files.writeString(file, Files.readString(file).replace("metformin", "metforMin"));

        AuditReport report = new PipelineAudit(fixture.settings()).run();

        Mismatch mismatch = report.mismatch(MismatchKind.CHECKSUM_MISMATCH).orElseThrow();
        assertEquals(1, mismatch.count());
        assertTrue(mismatch.examples().get(0).startsWith("t1: "), mismatch.toString());
        assertEquals(List.of(MismatchKind.CHECKSUM_MISMATCH), kinds(report));
    }

    @Test
    void reportsAnAcceptedIdInNoShard() throws Exception {
        PipelineFixture fixture = fixture();
        fixture.generated.add("r7");
        fixture.accepted.add("r7");

        AuditReport report = audit(fixture);

        assertExamples(report, MismatchKind.ACCEPTED_IN_NO_SHARD, "r7 (category QA)");
        assertTrue(report.mismatch(MismatchKind.ACCEPTED_COUNT).isPresent());
        assertEquals(List.of(MismatchKind.ACCEPTED_COUNT, MismatchKind.ACCEPTED_IN_NO_SHARD), kinds(report));
    }

    @Test
    void countsATrainExampleOutsideTheSelectedCategoriesInsteadOfReportingIt() throws Exception {
        PipelineFixture fixture = withAcceptedGenTaskR7InNoShard();
        fixture.publish();

        AuditReport report = new PipelineAudit(fixture.settings().with("shards.categories", "QA,IE")).run();

        assertTrue(report.consistent(), report.toJson());
        assertEquals(5, report.count("accepted"));
        assertEquals(1, report.count("acceptedOutsideSelectedCategories"));
        assertEquals(3, report.count("acceptedTrain"));
        assertEquals(1, report.count("acceptedEval"));
        assertEquals(1, new ObjectMapper().readTree(report.toJson())
                .get("counts").get("acceptedOutsideSelectedCategories").asInt(), "in the JSON report");
    }

    @Test
    void reportsAnEvalExampleOfAnUnselectedCategoryInNoShard() throws Exception {
        PipelineFixture fixture = withAcceptedGenTaskR7InNoShard();
        fixture.publish();

        AuditReport report = new PipelineAudit(fixture.settings().with(Map.of("shards.categories", "QA,IE",
                "shards.eval.fraction.GEN", "1.0"))).run();

        assertExamples(report, MismatchKind.ACCEPTED_IN_NO_SHARD, "r7 (category GEN)");
        assertEquals(List.of(MismatchKind.ACCEPTED_COUNT, MismatchKind.ACCEPTED_IN_NO_SHARD), kinds(report));
        assertEquals(0, report.count("acceptedOutsideSelectedCategories"));
    }

    @Test
    void reportsAShardHoldingATrainExampleOutsideTheSelectedCategories() throws Exception {
        PipelineFixture fixture = withAcceptedGenTaskR7InNoShard();
        fixture.shards.put("t2", new ShardPlan("t2", Split.TRAIN, List.of("r3", "r7")));
        fixture.publish();

        AuditReport report = new PipelineAudit(fixture.settings().with("shards.categories", "QA,IE")).run();

        assertExamples(report, MismatchKind.SHARDED_OUTSIDE_SELECTION, "r7 (TRAIN, category GEN) in t2");
        assertEquals(List.of(MismatchKind.SHARDED_OUTSIDE_SELECTION), kinds(report));
        assertTrue(new PipelineAudit(fixture.settings()).run().consistent(), "every category selected by default");
    }

    @Test
    void reportsAShardTrainedTwice() throws Exception {
        PipelineFixture fixture = fixture();
        fixture.versions.set(1, new VersionPlan(2, 1, List.of("t1", "t2")));

        AuditReport report = audit(fixture);

        assertExamples(report, MismatchKind.TRAINED_TWICE, "t1 introduced by v1 and v2");
        assertEquals(List.of(MismatchKind.TRAINED_TWICE), kinds(report));
    }

    @Test
    void reportsALostRawRecordAndATrainShardNoVersionTrained() throws Exception {
        PipelineFixture fixture = fixture();
        fixture.generated.add("r8");
        fixture.versions.remove(1);

        AuditReport report = audit(fixture);

        assertExamples(report, MismatchKind.LOST, "r8 generated 1x: accepted 0x, rejected 0x, dead-lettered 0x");
        assertExamples(report, MismatchKind.NOT_TRAINED, "t2");
        assertTrue(report.mismatch(MismatchKind.GENERATED_COUNT).isPresent());
    }

    /** r7, a GEN task, accepted into no shard; its id hashes to TRAIN at the default eval fraction 0.1. */
    private PipelineFixture withAcceptedGenTaskR7InNoShard() {
        PipelineFixture fixture = fixture();
        fixture.generated.add("r7");
        fixture.accepted.add("r7");
        fixture.categories.put("r7", Category.GEN);
        return fixture;
    }

    private PipelineFixture fixture() {
        return new PipelineFixture(kafka, "audit" + SCENARIOS.incrementAndGet(), dir.resolve("shards"));
    }

    private static AuditReport audit(PipelineFixture fixture) throws Exception {
        fixture.publish();
        return new PipelineAudit(fixture.settings()).run();
    }

    private static void assertExamples(AuditReport report, MismatchKind kind, String... examples) {
        Mismatch mismatch = report.mismatch(kind).orElseThrow(() -> new AssertionError(kind + " not reported: "
                + report.toJson()));
        assertEquals(List.of(examples), mismatch.examples());
        assertEquals(examples.length, mismatch.count());
    }

    private static List<MismatchKind> kinds(AuditReport report) {
        return report.mismatches().stream().map(Mismatch::kind).toList();
    }
}
