package org.bioinstruct.generator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * Turns a backend's candidate tasks into RawInstruction records. Ids are {@code <runId>-<6-digit sequence>},
 * or, for content-addressed backends (imports), {@code sha-} plus a hash of instruction, input and output,
 * so importing the same data twice yields the same ids.
 */
public final class RawInstructions {
    public static final String HEADER_SOURCE = "bioinstruct.source";
    public static final String HEADER_PROMPT_VERSION = "bioinstruct.prompt.version";
    public static final String HEADER_RUN_ID = "bioinstruct.run.id";
    public static final String HEADER_ORIGIN = "bioinstruct.origin";

    private final String runId;
    private final String source;
    private final String promptVersion;
    private final boolean contentAddressed;
    private final Clock clock;
    private final byte[] sourceHeader;
    private final byte[] promptVersionHeader;
    private final byte[] runIdHeader;

    public RawInstructions(String runId, GenerationBackend backend, Clock clock) {
        this.runId = runId;
        this.source = backend.source();
        this.promptVersion = backend.promptVersion();
        this.contentAddressed = backend.contentAddressed();
        this.clock = clock;
        this.sourceHeader = utf8(source);
        this.promptVersionHeader = utf8(promptVersion);
        this.runIdHeader = utf8(runId);
    }

    public static String id(String runId, long sequence) {
        return String.format("%s-%06d", runId, sequence);
    }

    /** A stable id from the task's content: the same task always gets the same id. */
    public static String contentId(CandidateTask task) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {task.instruction(), task.input(), task.output()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "sha-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The record for the {@code sequence}-th task of this run (counting from 1). */
    public RawInstruction toRecord(CandidateTask task, long sequence) {
        // the all-fields constructor: the builder's per-field validation and default copies cost more than the
        // rest of a record's journey to the producer
        return new RawInstruction(contentAddressed ? contentId(task) : id(runId, sequence), runId, task.instruction(),
                task.input(), task.output(), task.proposedCategory(), source, promptVersion, task.seedIds(),
                clock.instant());
    }

    /** Provenance headers, so tooling can filter a topic without decoding Avro. */
    public Headers headers(CandidateTask task) {
        Headers headers = new RecordHeaders();
        headers.add(HEADER_SOURCE, sourceHeader);
        headers.add(HEADER_PROMPT_VERSION, promptVersionHeader);
        headers.add(HEADER_RUN_ID, runIdHeader);
        if (!task.origin().isEmpty()) {
            headers.add(HEADER_ORIGIN, utf8(task.origin()));
        }
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
