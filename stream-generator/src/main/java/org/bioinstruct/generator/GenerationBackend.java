package org.bioinstruct.generator;

import java.util.List;
import java.util.Map;

/**
 * Something that writes candidate instruction-tuning tasks: an LLM, a corpus adapter, or the offline
 * synthesizer.
 */
public interface GenerationBackend extends AutoCloseable {

    /** The RawInstruction {@code source}, e.g. {@code synthetic}, {@code openai:gpt-4o}, {@code corpus:conll}. */
    String source();

    /** The RawInstruction {@code promptVersion}: which prompt or template set produced the tasks. */
    String promptVersion();

    /**
     * Up to {@code size} further candidate tasks. An LLM backend may return fewer (malformed items are
     * dropped); an empty list means the backend is exhausted (e.g. the end of an imported file).
     */
    List<CandidateTask> nextBatch(int size);

    /**
     * True when a task's id must be derived from its content, so that importing the same data twice
     * produces the same ids (and nothing new downstream); otherwise ids are {@code <runId>-<sequence>}.
     */
    default boolean contentAddressed() {
        return false;
    }

    /** Counters for the end-of-run summary and metrics, e.g. requests, tokens, cost, malformed items. */
    default Map<String, Number> counters() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
