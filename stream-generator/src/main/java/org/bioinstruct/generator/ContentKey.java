package org.bioinstruct.generator;

import org.bioinstruct.schemas.text.ContentNormalization;

/**
 * What makes two tasks the same task: instruction and input under {@link ContentNormalization}, the
 * normalization the filter's exact dedup applies.
 */
public final class ContentKey {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ContentKey() {
    }

    public static String of(String instruction, String input) {
        return normalize(instruction) + "\u0000" + normalize(input);
    }

    /**
     * A 64-bit FNV-1a hash of {@link #of}, computed without building the normalized strings: the same
     * content always hashes the same; distinct contents collide with negligible probability.
     */
    public static long hash64(String instruction, String input) {
        long hash = normalizeInto(instruction, FNV_OFFSET);
        hash = mix(hash, '\u0000');
        return normalizeInto(input, hash);
    }

    static String normalize(String text) {
        return ContentNormalization.normalize(text);
    }

    private static long normalizeInto(String text, long hash) {
        long[] state = {hash};
        ContentNormalization.forEachChar(text, c -> state[0] = mix(state[0], c));
        return state[0];
    }

    static long mix(long hash, char c) {
        return (hash ^ c) * FNV_PRIME;
    }
}
