package org.bioinstruct.generator.corpus;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A set of paraphrased instruction templates, one chosen per sample from a hash of the seed and the
 * sample's text, so re-importing the same file yields the same instructions whatever the batch sizes.
 * Templates may hold {@code {name}} slots.
 */
final class Paraphrases {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final String purpose;
    private final List<String> templates;

    Paraphrases(String purpose, List<String> templates) {
        this.purpose = purpose;
        this.templates = List.copyOf(templates);
    }

    List<String> templates() {
        return templates;
    }

    String choose(long seed, String sample) {
        return templates.get(index(seed, purpose, sample, templates.size()));
    }

    /** A stable choice in {@code [0, bound)}; {@code purpose} keeps different choices about one sample independent. */
    static int index(long seed, String purpose, String sample, int bound) {
        long hash = FNV_OFFSET;
        for (byte b : (purpose + '\u0000' + sample).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return (int) Math.floorMod(mix(hash ^ mix(seed)), (long) bound);
    }

    /** SplitMix64's finalizer: spreads small differences in the input over all bits. */
    private static long mix(long value) {
        long z = value + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
