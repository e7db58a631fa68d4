package org.bioinstruct.filter;

import java.util.Optional;
import org.bioinstruct.filter.neardup.Match;
import org.bioinstruct.filter.neardup.NearDuplicateIndex;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * The near-duplicate decision, shared by the streaming topology and batch mode: the nearest accepted
 * task (exact ROUGE-L over the index's candidates), and whether it is too near.
 */
final class NearDuplicateStage {
    private final NearDuplicateSettings settings;
    private final NearDuplicateIndex index;

    NearDuplicateStage(NearDuplicateSettings settings) {
        this.settings = settings;
        this.index = new NearDuplicateIndex(settings.reportThreshold());
    }

    /** The most similar accepted task at or above the report threshold, if any. */
    Optional<Match> nearest(RawInstruction task) {
        return index.nearest(settings.comparedText(task));
    }

    boolean tooNear(Optional<Match> nearest) {
        return nearest.isPresent() && nearest.get().similarity() > settings.threshold();
    }

    /** Records an accepted task; returns the text remembered for it (to persist). */
    String accept(RawInstruction task) {
        String text = settings.comparedText(task);
        index.add(task.getId(), text);
        return text;
    }

    /** Re-adds a task accepted before a restart. */
    void restore(String id, String text) {
        index.add(id, text);
    }

    int size() {
        return index.size();
    }

    long approximateBytes() {
        return index.approximateBytes();
    }

    double threshold() {
        return settings.threshold();
    }
}
