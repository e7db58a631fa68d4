package org.bioinstruct.filter.query;

import java.time.Instant;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RejectedInstruction;

/** Minimal filter outputs for the count tests. */
final class QueryTestRecords {
    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);

    private QueryTestRecords() {
    }

    static AcceptedInstruction accepted(String id, Category category) {
        return AcceptedInstruction.newBuilder()
                .setId(id)
                .setRunId("test")
                .setInstruction("Which drug class does metformin belong to?")
                .setInput("")
                .setOutput("biguanide")
                .setCategory(category)
                .setCategoryConfidence(0.9)
                .setSource("test")
                .setNearestId(null)
                .setNearestSimilarity(0.0)
                .setCreatedAt(AT)
                .setAcceptedAt(AT)
                .build();
    }

    static RejectedInstruction rejected(String id, String reason) {
        return RejectedInstruction.newBuilder()
                .setId(id)
                .setRunId("test")
                .setInstruction("Define metformin")
                .setInput("")
                .setOutput("A biguanide.")
                .setSource("test")
                .setReason(reason)
                .setDetail(reason + ": test")
                .setNearestId(null)
                .setSimilarity(null)
                .setCreatedAt(AT)
                .setRejectedAt(AT)
                .build();
    }
}
