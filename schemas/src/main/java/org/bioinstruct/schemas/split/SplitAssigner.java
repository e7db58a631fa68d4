package org.bioinstruct.schemas.split;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.bioinstruct.schemas.avro.Split;

/**
 * Puts an example in TRAIN or EVAL by hashing its instruction id, so the same id always lands in the same
 * split, in any run, JVM or replay. Stratified per category: each category is split with its own eval
 * fraction (the default one unless overridden), so every category contributes its fraction to EVAL
 * whatever the category mix of the stream.
 */
public final class SplitAssigner implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double TWO_POW_53 = 0x1p53;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    private final double evalFraction;
    private final Map<String, Double> categoryEvalFractions;

    public SplitAssigner(double evalFraction) {
        this(evalFraction, Map.of());
    }

    public SplitAssigner(double evalFraction, Map<String, Double> categoryEvalFractions) {
        checkFraction(evalFraction);
        categoryEvalFractions.values().forEach(SplitAssigner::checkFraction);
        this.evalFraction = evalFraction;
        this.categoryEvalFractions = Map.copyOf(categoryEvalFractions);
    }

    public Split splitOf(CategorizedExample example) {
        return splitOf(example.id(), example.category());
    }

    public Split splitOf(String instructionId, String category) {
        return unitHash(instructionId) < fractionOf(category) ? Split.EVAL : Split.TRAIN;
    }

    public double fractionOf(String category) {
        return categoryEvalFractions.getOrDefault(category, evalFraction);
    }

    public double evalFraction() {
        return evalFraction;
    }

    public Map<String, Double> categoryEvalFractions() {
        return categoryEvalFractions;
    }

    /** A uniform value in [0, 1) from the first 53 bits of SHA-256 of the id. */
    static double unitHash(String id) {
        byte[] digest = SHA256.get().digest(id.getBytes(StandardCharsets.UTF_8));
        return (ByteBuffer.wrap(digest).getLong() >>> 11) / TWO_POW_53;
    }

    private static void checkFraction(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("eval fraction must be in [0, 1]: " + fraction);
        }
    }
}
