package org.bioinstruct.evaluator.scoring;

import org.bioinstruct.schemas.avro.Category;

/**
 * One figure of a suite for the tuned model and the base model; {@code category} null means every category.
 * Relative gain as the EvalMetric schema defines it: (value - baseline) / baseline, 0 when the baseline is 0.
 */
public record MetricValue(Category category, String task, String metric, double value, double baseline, int n) {
    public double gain() {
        return gain(value, baseline);
    }

    public static double gain(double value, double baseline) {
        return baseline == 0 ? 0 : (value - baseline) / baseline;
    }
}
