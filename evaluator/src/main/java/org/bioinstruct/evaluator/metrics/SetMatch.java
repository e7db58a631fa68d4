package org.bioinstruct.evaluator.metrics;

import java.util.HashSet;
import java.util.Set;

/** Precision/recall/F1 counts of a predicted set of items (entities, relations) against the gold set. */
public final class SetMatch {
    private SetMatch() {
    }

    public static <T> Prf count(Set<T> predicted, Set<T> gold) {
        Set<T> hits = new HashSet<>(predicted);
        hits.retainAll(gold);
        return new Prf(hits.size(), predicted.size() - hits.size(), gold.size() - hits.size());
    }
}
