package org.bioinstruct.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.junit.jupiter.api.Test;

class RawInstructionsTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CandidateTask TASK = new CandidateTask("Extract the genes.", "BRCA1 and TP53 are mutated.",
            "BRCA1, TP53", Category.IE, List.of("seed-03", "seed-17"), "ncbi.conll:118");

    private static GenerationBackend backend(boolean contentAddressed) {
        return new GenerationBackend() {
            public String source() {
                return "corpus:conll:ncbi.conll";
            }

            public String promptVersion() {
                return "conll-templates-v1";
            }

            public List<CandidateTask> nextBatch(int size) {
                return List.of();
            }

            public boolean contentAddressed() {
                return contentAddressed;
            }
        };
    }

    @Test
    void generatedTasksAreNumberedWithinTheRun() {
        RawInstruction record = new RawInstructions("run9", backend(false), FIXED).toRecord(TASK, 12);
        assertEquals("run9-000012", record.getId());
        assertEquals(List.of("seed-03", "seed-17"), record.getSeedIds());
        assertEquals("corpus:conll:ncbi.conll", record.getSource());
    }

    @Test
    void importedTasksGetTheSameIdWhateverTheRunOrPosition() {
        RawInstruction first = new RawInstructions("import-1", backend(true), FIXED).toRecord(TASK, 1);
        RawInstruction again = new RawInstructions("import-2", backend(true), FIXED).toRecord(TASK, 900);
        assertEquals(first.getId(), again.getId());
        CandidateTask otherOutput = new CandidateTask(TASK.instruction(), TASK.input(), "BRCA1", Category.IE);
        assertNotEquals(first.getId(), RawInstructions.contentId(otherOutput));
    }

    @Test
    void headersCarryProvenance() {
        Headers headers = new RawInstructions("run9", backend(true), FIXED).headers(TASK);
        assertEquals("corpus:conll:ncbi.conll", text(headers, RawInstructions.HEADER_SOURCE));
        assertEquals("conll-templates-v1", text(headers, RawInstructions.HEADER_PROMPT_VERSION));
        assertEquals("run9", text(headers, RawInstructions.HEADER_RUN_ID));
        assertEquals("ncbi.conll:118", text(headers, RawInstructions.HEADER_ORIGIN));
        assertNull(new RawInstructions("r", backend(false), FIXED)
                .headers(new CandidateTask("a b c d", "", "x", Category.QA)).lastHeader(RawInstructions.HEADER_ORIGIN));
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
