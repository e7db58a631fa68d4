package org.bioinstruct.filter.neardup;

/**
 * What F = 2 L / (m + n) >= t (t in (0, 1]) implies for texts of m and n tokens with LCS L, where L is
 * at most min(m, n) and at most the overlap of their token multisets:
 * <ul>
 * <li>from L <= n: 2n / (m + n) >= t, so n >= t m / (2 - t) (and symmetrically n <= m (2 - t) / t);</li>
 * <li>L >= t (m + n) / 2 >= t (m + t m / (2 - t)) / 2 = t m / (2 - t), so the overlap is at least
 * o(m) = ceil(t m / (2 - t)) whatever the partner.</li>
 * </ul>
 * Every bound is loosened by a tiny epsilon before rounding, so floating-point error can only admit one
 * pair too many for the exact check, never drop a match.
 */
final class SimilarityBounds {
    private static final double EPSILON = 1e-6;

    private final double threshold;
    private final double ratio;

    SimilarityBounds(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("similarity threshold must be in (0, 1], was " + threshold);
        }
        this.threshold = threshold;
        this.ratio = threshold / (2 - threshold);
    }

    double threshold() {
        return threshold;
    }

    int minOverlap(int length) {
        return Math.max(1, (int) Math.ceil(ratio * length - EPSILON));
    }

    /** Elements of a text's order that any admissible partner must share at least one of. */
    int prefixLength(int length) {
        return length == 0 ? 0 : length - minOverlap(length) + 1;
    }

    int minPartnerLength(int length) {
        return Math.max(1, (int) Math.ceil(ratio * length - EPSILON));
    }

    int maxPartnerLength(int length) {
        double bound = length / ratio + EPSILON;
        return bound >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.floor(bound);
    }

    int requiredOverlap(int length, int partnerLength) {
        return Math.max(1, (int) Math.ceil(threshold * ((double) length + partnerLength) / 2 - EPSILON));
    }
}
