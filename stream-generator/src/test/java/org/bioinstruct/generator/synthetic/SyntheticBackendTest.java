package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.RawInstructions;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.junit.jupiter.api.Test;

class SyntheticBackendTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void sameSeedAndCountGiveByteIdenticalRecords() {
        assertEquals(encodedRun(42, 400), encodedRun(42, 400));
    }

    @Test
    void batchSizeDoesNotChangeTheSequence() {
        List<CandidateTask> oneBatch = new SyntheticBackend(7).nextBatch(300);
        SyntheticBackend backend = new SyntheticBackend(7);
        List<CandidateTask> threeBatches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threeBatches.addAll(backend.nextBatch(100));
        }
        assertEquals(oneBatch, threeBatches);
    }

    @Test
    void holdsABoundedSampleOfCleanTasksThatKeepsRenewing() {
        SyntheticBackend backend = new SyntheticBackend(5);
        List<CandidateTask> tasks = backend.nextBatch(4 * SyntheticBackend.REMEMBERED);
        assertEquals(SyntheticBackend.REMEMBERED, backend.remembered());
        Map<CandidateTask, Integer> firstSeenAt = new HashMap<>();
        int lateRepeats = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Integer earlier = firstSeenAt.putIfAbsent(tasks.get(i), i);
            if (earlier != null && earlier >= 2 * SyntheticBackend.REMEMBERED) {
                lateRepeats++;
            }
        }
        // repeats still occur after the sample is full, and some repeat tasks first emitted after that point
        assertTrue(lateRepeats > 0, "no repeat of a task first emitted after the sample filled");
    }

    @Test
    void differentSeedsGiveDifferentTasks() {
        List<CandidateTask> a = new SyntheticBackend(1).nextBatch(50);
        List<CandidateTask> b = new SyntheticBackend(2).nextBatch(50);
        assertNotEquals(a, b);
        long samePosition = 0;
        for (int i = 0; i < a.size(); i++) {
            samePosition += a.get(i).equals(b.get(i)) ? 1 : 0;
        }
        assertTrue(samePosition < 5, "seeds 1 and 2 agree on " + samePosition + " of 50 tasks");
    }

    @Test
    void proposesEveryCategoryInASensibleMix() {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        new SyntheticBackend(42).nextBatch(1000).forEach(t -> counts.merge(t.proposedCategory(), 1, Integer::sum));
        for (Category category : Category.values()) {
            assertTrue(counts.getOrDefault(category, 0) >= 100, "too few " + category + ": " + counts);
        }
    }

    @Test
    void repeatsAboutFivePercentOfTasksWordForWord() {
        for (long seed : new long[] {1, 42, 2025}) {
            List<CandidateTask> tasks = new SyntheticBackend(seed).nextBatch(2000);
            Map<String, CandidateTask> firstByContent = new HashMap<>();
            int repeats = 0;
            for (CandidateTask task : tasks) {
                CandidateTask first = firstByContent.putIfAbsent(ContentKey.of(task.instruction(), task.input()), task);
                if (first != null) {
                    repeats++;
                    assertEquals(first, task, "a repeat must be an exact copy, not a near miss");
                }
            }
            double share = repeats / 2000.0;
            assertTrue(share >= 0.03 && share <= 0.07, "seed " + seed + ": duplicate share " + share);
        }
    }

    @Test
    void rewordsAboutFivePercentOfTasksIntoNearDuplicatesAboveTheRougeThreshold() {
        for (long seed : new long[] {1, 42, 2025}) {
            List<CandidateTask> tasks = new SyntheticBackend(seed).nextBatch(2000);
            Map<String, CandidateTask> firstBySubstance = new HashMap<>();
            int nearDuplicates = 0;
            for (CandidateTask task : tasks) {
                CandidateTask first = firstBySubstance.putIfAbsent(task.input() + "\u0000" + task.output(), task);
                if (first != null && !first.instruction().equals(task.instruction())
                        && rougeL(first.instruction() + " " + first.input(), task.instruction() + " " + task.input()) > 0.7) {
                    nearDuplicates++;
                }
            }
            double share = nearDuplicates / 2000.0;
            // 5% deliberate rewordings, plus templated tasks that happen to be as close (e.g. yes/no questions)
            assertTrue(share >= 0.04 && share <= 0.10, "seed " + seed + ": near-duplicate share " + share);
        }
    }

    @Test
    void everyRewordingDiffersAfterNormalizationButStaysAboveTheRougeThreshold() {
        Pick pick = new Pick(5);
        for (CandidateTask original : new SyntheticBackend(3).nextBatch(500)) {
            if (original.instruction().isEmpty() || SelfInstructRules.breaksARule(original)) {
                continue;
            }
            CandidateTask reworded = NearDuplicates.reword(original, pick);
            assertNotEquals(ContentKey.of(original.instruction(), original.input()),
                    ContentKey.of(reworded.instruction(), reworded.input()), reworded.instruction());
            assertTrue(rougeL(original.instruction() + " " + original.input(),
                    reworded.instruction() + " " + reworded.input()) > 0.7, original + " -> " + reworded);
            assertEquals(original.output(), reworded.output());
        }
    }

    /** ROUGE-L F-measure with rouge_score's tokenization (lowercase, alphanumeric runs). */
    private static double rougeL(String a, String b) {
        String[] x = a.toLowerCase().replaceAll("[^a-z0-9]+", " ").trim().split(" ");
        String[] y = b.toLowerCase().replaceAll("[^a-z0-9]+", " ").trim().split(" ");
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                lcs[i][j] = x[i - 1].equals(y[j - 1]) ? lcs[i - 1][j - 1] + 1 : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
            }
        }
        double p = (double) lcs[x.length][y.length] / y.length;
        double r = (double) lcs[x.length][y.length] / x.length;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Test
    void writesAboutFivePercentRuleBreakingTasks() {
        for (long seed : new long[] {1, 42, 2025}) {
            long breaking = new SyntheticBackend(seed).nextBatch(2000).stream()
                    .filter(SelfInstructRules::breaksARule).count();
            double share = breaking / 2000.0;
            assertTrue(share >= 0.03 && share <= 0.07, "seed " + seed + ": rule-breaking share " + share);
        }
    }

    @Test
    void ruleBreakingTasksCoverEveryKindOfViolation() {
        List<String> violations = new SyntheticBackend(42).nextBatch(3000).stream()
                .map(SelfInstructRules::violation).filter(v -> !v.isEmpty()).distinct().sorted().toList();
        assertEquals(List.of("BAD_FIRST_CHAR", "BLACKLISTED_WORD", "EMPTY_OUTPUT", "INPUT_EQUALS_OUTPUT", "TOO_SHORT",
                "WRITE_A_PROGRAM"), violations);
    }

    @Test
    void usesAFewDozenTemplates() {
        assertTrue(SyntheticBackend.templateCount() >= 30, "templates: " + SyntheticBackend.templateCount());
    }

    @Test
    void idsAreRunIdAndSixDigitSequence() {
        SyntheticBackend backend = new SyntheticBackend(42);
        RawInstruction record = new RawInstructions("run7", backend, FIXED).toRecord(backend.nextBatch(1).get(0), 42);
        assertEquals("run7-000042", record.getId());
        assertEquals("run7", record.getRunId());
        assertEquals("synthetic", record.getSource());
        assertEquals("synthetic-v2", record.getPromptVersion());
    }

    private static List<ByteBuffer> encodedRun(long seed, int count) {
        SyntheticBackend backend = new SyntheticBackend(seed);
        RawInstructions records = new RawInstructions("run", backend, FIXED);
        List<ByteBuffer> out = new ArrayList<>();
        List<CandidateTask> tasks = backend.nextBatch(count);
        for (int i = 0; i < tasks.size(); i++) {
            try {
                out.add(records.toRecord(tasks.get(i), i + 1).toByteBuffer());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
