package org.bioinstruct.filter.neardup;

import java.util.Optional;

/**
 * Self-Instruct's near-duplicate rule over a {@link NearDuplicates}: a task whose nearest accepted text
 * has similarity strictly above {@code rejectAbove} is a duplicate; any other task is accepted and added,
 * so later tasks are compared with it.
 */
public final class NearDuplicateFilter {
    public static final double SELF_INSTRUCT_THRESHOLD = 0.7;

    private final NearDuplicates accepted;
    private final double rejectAbove;

    public NearDuplicateFilter(NearDuplicates accepted, double rejectAbove) {
        this.accepted = accepted;
        this.rejectAbove = rejectAbove;
    }

    /**
     * The decision on one task. {@code nearest} is the most similar accepted text the search reports: for
     * a duplicate it is the one it duplicates; for an accepted task it is present only when the search
     * threshold is below {@code rejectAbove}.
     */
    public record Decision(boolean duplicate, Optional<Match> nearest) {
    }

    public Decision check(String id, String text) {
        Optional<Match> nearest = accepted.nearest(text);
        boolean duplicate = nearest.isPresent() && nearest.get().similarity() > rejectAbove;
        if (!duplicate) {
            accepted.add(id, text);
        }
        return new Decision(duplicate, nearest);
    }

    public NearDuplicates accepted() {
        return accepted;
    }
}
