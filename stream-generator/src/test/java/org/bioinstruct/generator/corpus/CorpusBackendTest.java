package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bioinstruct.generator.CandidateTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorpusBackendTest {
    private static final String CONLL = "bc5cdr-sample.conll";

    @TempDir
    Path dir;

    @Test
    void namesItsSourceAndPromptVersionAfterFormatAndFileAndIsContentAddressed() {
        try (CorpusBackend backend = backend(CorpusFormat.RE_TSV, "gad-sample.tsv")) {
            assertEquals("corpus:re-tsv:gad-sample.tsv", backend.source());
            assertEquals("re-tsv-templates-v1", backend.promptVersion());
            assertTrue(backend.contentAddressed());
        }
    }

    @Test
    void readsLazilyBatchByBatchAndReturnsNothingAtTheEndOfTheFile() {
        try (CorpusBackend backend = backend(CorpusFormat.CONLL, CONLL)) {
            assertEquals(5, backend.nextBatch(5).size());
            assertEquals(Map.of("records", 5L, "malformed", 0L), backend.counters(),
                    "the first malformed sentence lies after the fifth and is not read yet");
            assertEquals(5, backend.nextBatch(5).size());
            assertEquals(Map.of("records", 10L, "malformed", 2L), backend.counters());
            assertEquals(3, backend.nextBatch(5).size());
            assertEquals(List.of(), backend.nextBatch(5));
            assertEquals(List.of(), backend.nextBatch(5));
            assertEquals(Map.of("records", 13L, "malformed", 2L), backend.counters());
        }
    }

    @Test
    void batchSizeDoesNotChangeTheTasks() {
        List<CandidateTask> whole;
        try (CorpusBackend backend = backend(CorpusFormat.CONLL, CONLL)) {
            whole = backend.nextBatch(1000);
        }
        List<CandidateTask> inPieces = new ArrayList<>();
        try (CorpusBackend backend = backend(CorpusFormat.CONLL, CONLL)) {
            List<CandidateTask> batch;
            while (!(batch = backend.nextBatch(3)).isEmpty()) {
                inPieces.addAll(batch);
            }
        }
        assertEquals(whole, inPieces);
    }

    @ParameterizedTest
    @CsvSource({"conll, bc5cdr-sample.conll, 13", "re-tsv, gad-sample.tsv, 13", "re-tsv, chemprot-sample.tsv, 10",
            "nli, mednli-sample.jsonl, 12", "mcqa, mcqa-sample.jsonl, 12",
            "instructions, bioinstruct-sample.jsonl, 13"})
    void reImportingTheSameFileGivesIdenticalTasksWithOrigins(String format, String file, int expected) {
        List<CandidateTask> first = readAll(CorpusFormat.parse(format), file);
        assertEquals(expected, first.size());
        assertEquals(first, readAll(CorpusFormat.parse(format), file));
        assertTrue(first.stream().allMatch(t -> t.origin().matches("\\Q" + file + "\\E:\\d+")), first.toString());
    }

    @Test
    void listenerHearsOfEverySkippedRecordAsTheCountersDo() {
        List<CorpusError> heard = new ArrayList<>();
        try (CorpusBackend backend = new CorpusBackend(CorpusFormat.MCQA, Fixtures.path("mcqa-sample.jsonl"),
                CorpusOptions.defaults(), heard::add)) {
            backend.nextBatch(100);
            assertEquals(List.of(6, 9), heard.stream().map(CorpusError::line).toList());
            assertEquals(2L, backend.counters().get("malformed"));
            assertEquals(12L, backend.counters().get("records"));
        }
    }

    @Test
    void missingFileFailsAtConstructionNamingThePath() {
        Path missing = dir.resolve("no-such-corpus.conll");
        CorpusFileException e = assertThrows(CorpusFileException.class,
                () -> new CorpusBackend(CorpusFormat.CONLL, missing, CorpusOptions.defaults()));
        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertEquals(missing, e.path());
    }

    @Test
    void directoryIsNotACorpusFile() {
        CorpusFileException e = assertThrows(CorpusFileException.class,
                () -> new CorpusBackend(CorpusFormat.NLI, dir, CorpusOptions.defaults()));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void closedBackendYieldsNothingMore() {
        CorpusBackend backend = backend(CorpusFormat.NLI, "mednli-sample.jsonl");
        assertEquals(2, backend.nextBatch(2).size());
        backend.close();
        assertEquals(List.of(), backend.nextBatch(10));
        backend.close();
    }

    private static CorpusBackend backend(CorpusFormat format, String file) {
        return new CorpusBackend(format, Fixtures.path(file), CorpusOptions.defaults());
    }

    private static List<CandidateTask> readAll(CorpusFormat format, String file) {
        try (CorpusBackend backend = backend(format, file)) {
            return backend.nextBatch(1000);
        }
    }
}
