package org.bioinstruct.generator;

import java.util.List;

/** Something that writes candidate instruction-tuning tasks: an LLM, a corpus adapter, or the offline synthesizer. */
public interface GenerationBackend {

    /** The RawInstruction {@code source}, e.g. {@code synthetic}. */
    String source();

    /** The RawInstruction {@code promptVersion}: which prompt or template set produced the tasks. */
    String promptVersion();

    /** The next {@code size} candidate tasks. */
    List<CandidateTask> nextBatch(int size);
}
