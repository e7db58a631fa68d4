package org.bioinstruct.evaluator.metrics;

/**
 * True positive, false positive and false negative counts, micro-averaged by adding them up. Precision of no
 * predictions and recall of no gold items are 0, as in seqeval and scikit-learn (zero_division=0); F1 of an
 * example with neither is defined as 1 only where a per-example score is needed ({@link #exampleScore()}).
 */
public record Prf(long tp, long fp, long fn) {
    public static final Prf ZERO = new Prf(0, 0, 0);

    public Prf {
        if (tp < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("negative count: " + tp + "/" + fp + "/" + fn);
        }
    }

    public Prf plus(Prf other) {
        return new Prf(tp + other.tp, fp + other.fp, fn + other.fn);
    }

    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** F1 of one example, where predicting nothing when there is nothing to find is perfect. */
    public double exampleScore() {
        return tp + fp + fn == 0 ? 1 : f1();
    }
}
