package org.bioinstruct.shards;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.api.java.functions.KeySelector;
import org.bioinstruct.schemas.avro.Split;

/**
 * Puts an example in TRAIN or EVAL by hashing its instruction id, so the same id always lands in the same
 * split, in any run, JVM or replay. The key is the split's name: enum hash codes differ between JVMs
 * and must not pick Flink key groups.
 */
public final class SplitAssigner implements KeySelector<InstructionExample, String> {
    private static final long serialVersionUID = 1L;
    private static final double TWO_POW_53 = 0x1p53;

    private final double evalFraction;

    public SplitAssigner(double evalFraction) {
        if (!(evalFraction >= 0.0 && evalFraction <= 1.0)) {
            throw new IllegalArgumentException("eval fraction must be in [0, 1]: " + evalFraction);
        }
        this.evalFraction = evalFraction;
    }

    public Split splitOf(String instructionId) {
        return unitHash(instructionId) < evalFraction ? Split.EVAL : Split.TRAIN;
    }

    @Override
    public String getKey(InstructionExample example) {
        return splitOf(example.id()).name();
    }

    /** A uniform value in [0, 1) from the first 53 bits of SHA-256 of the id. */
    static double unitHash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest).getLong() >>> 11) / TWO_POW_53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
