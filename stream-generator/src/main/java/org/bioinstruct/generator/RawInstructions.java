package org.bioinstruct.generator;

import java.time.Clock;
import java.util.List;
import org.bioinstruct.schemas.avro.RawInstruction;

/** Turns a backend's candidate tasks into RawInstruction records with ids {@code <runId>-<6-digit sequence>}. */
public final class RawInstructions {
    private final String runId;
    private final String source;
    private final String promptVersion;
    private final Clock clock;

    public RawInstructions(String runId, GenerationBackend backend, Clock clock) {
        this.runId = runId;
        this.source = backend.source();
        this.promptVersion = backend.promptVersion();
        this.clock = clock;
    }

    public static String id(String runId, long sequence) {
        return String.format("%s-%06d", runId, sequence);
    }

    /** The record for the {@code sequence}-th task of this run (counting from 1). */
    public RawInstruction toRecord(CandidateTask task, long sequence) {
        return RawInstruction.newBuilder()
                .setId(id(runId, sequence))
                .setRunId(runId)
                .setInstruction(task.instruction())
                .setInput(task.input())
                .setOutput(task.output())
                .setProposedCategory(task.proposedCategory())
                .setSource(source)
                .setPromptVersion(promptVersion)
                .setSeedIds(List.of())
                .setCreatedAt(clock.instant())
                .build();
    }
}
