package org.bioinstruct.infra.audit;

import java.util.LinkedHashSet;
import java.util.Set;

/** generated = accepted + rejected + dead-lettered from the raw topic, in total and id by id. */
final class OutcomeCheck {
    private OutcomeCheck() {
    }

    static void run(PipelineState state, String rawTopic, Findings findings) {
        IdCounts deadLettered = state.deadLetteredFrom(rawTopic);
        long outcomes = state.accepted.total() + state.rejected.total() + deadLettered.total();
        findings.count("generated", state.raw.total());
        findings.count("accepted", state.accepted.total());
        findings.count("rejected", state.rejected.total());
        findings.count("deadLetteredFromRaw", deadLettered.total());
        if (state.raw.total() != outcomes) {
            findings.mismatch(MismatchKind.GENERATED_COUNT, "generated " + state.raw.total() + " != accepted "
                    + state.accepted.total() + " + rejected " + state.rejected.total() + " + dead-lettered "
                    + deadLettered.total() + " (= " + outcomes + ")");
        }
        Set<String> ids = new LinkedHashSet<>(state.raw.ids());
        ids.addAll(state.accepted.ids());
        ids.addAll(state.rejected.ids());
        ids.addAll(deadLettered.ids());
        for (String id : ids) {
            int generated = state.raw.of(id);
            int seen = state.accepted.of(id) + state.rejected.of(id) + deadLettered.of(id);
            if (generated == 0) {
                findings.mismatch(MismatchKind.UNKNOWN_ID, id + describe(state, deadLettered, id));
            } else if (seen < generated) {
                findings.mismatch(MismatchKind.LOST, id + " generated " + generated + "x" + describe(state, deadLettered, id));
            } else if (seen > generated) {
                findings.mismatch(MismatchKind.DUPLICATED_OUTCOME, id + " generated " + generated + "x"
                        + describe(state, deadLettered, id));
            }
        }
    }

    private static String describe(PipelineState state, IdCounts deadLettered, String id) {
        return ": accepted " + state.accepted.of(id) + "x, rejected " + state.rejected.of(id)
                + "x, dead-lettered " + deadLettered.of(id) + "x";
    }
}
