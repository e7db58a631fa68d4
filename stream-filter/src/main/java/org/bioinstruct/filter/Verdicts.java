package org.bioinstruct.filter;

import java.time.Clock;
import java.util.Optional;
import org.bioinstruct.filter.neardup.Match;
import org.bioinstruct.filter.category.CategoryClassifier;
import org.bioinstruct.filter.category.Prediction;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;

/** Builds the accepted and rejected records the filter writes. */
final class Verdicts {
    /**
     * Characters of each text field a rejection keeps. A rejection repeats the task, so an oversize task
     * (up to the broker's record limit) would otherwise make a rejection over that limit, which the
     * producer cannot send and which would stop the stage.
     */
    static final int REJECTED_FIELD_CHARS = 16_384;

    private final CategoryClassifier classifier = CategoryClassifier.trained();
    private final Clock clock;

    Verdicts(Clock clock) {
        this.clock = clock;
    }

    AcceptedInstruction accept(RawInstruction task, Optional<Match> nearest) {
        Prediction prediction = classifier.classify(task.getInstruction(), task.getInput(), task.getProposedCategory());
        return AcceptedInstruction.newBuilder()
                .setId(task.getId())
                .setRunId(task.getRunId())
                .setInstruction(task.getInstruction())
                .setInput(task.getInput())
                .setOutput(task.getOutput())
                .setCategory(prediction.category())
                .setCategoryConfidence(prediction.confidence())
                .setSource(task.getSource())
                .setNearestId(nearest.map(Match::id).orElse(null))
                .setNearestSimilarity(nearest.map(Match::similarity).orElse(0.0))
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

    RejectedInstruction nearDuplicate(RawInstruction task, Match nearest) {
        return rejected(task, RejectReason.DUPLICATE_NEAR, String.format(java.util.Locale.ROOT,
                "%s: ROUGE-L %.3f against accepted %s", RejectReason.DUPLICATE_NEAR, nearest.similarity(), nearest.id()),
                nearest.id(), nearest.similarity());
    }

    private RejectedInstruction rejected(RawInstruction task, RejectReason reason, String detail, String nearestId,
                                         Double similarity) {
        return RejectedInstruction.newBuilder()
                .setId(task.getId())
                .setRunId(task.getRunId())
                .setInstruction(capped(task.getInstruction()))
                .setInput(capped(task.getInput()))
                .setOutput(capped(task.getOutput()))
                .setSource(task.getSource())
                .setReason(reason.name())
                .setDetail(detail)
                .setNearestId(nearestId)
                .setSimilarity(similarity)
                .setCreatedAt(task.getCreatedAt())
                .setRejectedAt(clock.instant())
                .build();
    }

    /** The text, or its first {@link #REJECTED_FIELD_CHARS} characters (never half a surrogate pair) and a note. */
    static String capped(String text) {
        if (text.length() <= REJECTED_FIELD_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(REJECTED_FIELD_CHARS - 1)) ? REJECTED_FIELD_CHARS - 1
                : REJECTED_FIELD_CHARS;
        return text.substring(0, end) + " [truncated: " + (text.length() - end) + " more characters]";
    }
}
