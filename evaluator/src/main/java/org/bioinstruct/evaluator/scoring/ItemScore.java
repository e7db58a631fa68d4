package org.bioinstruct.evaluator.scoring;

import java.util.Map;
import org.bioinstruct.evaluator.metrics.Prf;

/**
 * The scores of one item: per-item figures averaged over a group ({@code acc}, {@code exact_match},
 * {@code rougeL}, ...), span or set counts added up over a group (micro precision/recall/F1; null when the task
 * has none), and {@code primary}, the one [0, 1] figure per item that the category score averages.
 */
public record ItemScore(Map<String, Double> means, Prf counts, double primary) {
    public ItemScore {
        means = Map.copyOf(means);
    }
}
