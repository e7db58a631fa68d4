package org.bioinstruct.filter;

import java.time.Clock;
import org.bioinstruct.filter.Categorizer.Categorization;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;

/** Builds the accepted and rejected records the filter writes. */
final class Verdicts {
    private final Categorizer categorizer = new Categorizer();
    private final Clock clock;

    Verdicts(Clock clock) {
        this.clock = clock;
    }

    AcceptedInstruction accept(RawInstruction task) {
        Categorization categorization = categorizer.categorize(task.getInstruction(), task.getInput(),
                task.getProposedCategory());
        return AcceptedInstruction.newBuilder()
                .setId(task.getId())
                .setRunId(task.getRunId())
                .setInstruction(task.getInstruction())
                .setInput(task.getInput())
                .setOutput(task.getOutput())
                .setCategory(categorization.category())
                .setCategoryConfidence(categorization.confidence())
                .setSource(task.getSource())
                .setNearestId(null)
                .setNearestSimilarity(0.0)
                .setCreatedAt(task.getCreatedAt())
                .setAcceptedAt(clock.instant())
                .build();
    }

    RejectedInstruction reject(RawInstruction task, Violation violation) {
        return rejected(task, violation.reason(), violation.detail(), null, null);
    }

    RejectedInstruction duplicate(RawInstruction task, String firstId) {
        return rejected(task, RejectReason.DUPLICATE_EXACT, RejectReason.DUPLICATE_EXACT
                + ": normalized instruction and input identical to " + firstId, firstId, 1.0);
    }

    private RejectedInstruction rejected(RawInstruction task, RejectReason reason, String detail, String nearestId,
                                         Double similarity) {
        return RejectedInstruction.newBuilder()
                .setId(task.getId())
                .setRunId(task.getRunId())
                .setInstruction(task.getInstruction())
                .setInput(task.getInput())
                .setOutput(task.getOutput())
                .setSource(task.getSource())
                .setReason(reason.name())
                .setDetail(detail)
                .setNearestId(nearestId)
                .setSimilarity(similarity)
                .setCreatedAt(task.getCreatedAt())
                .setRejectedAt(clock.instant())
                .build();
    }
}
