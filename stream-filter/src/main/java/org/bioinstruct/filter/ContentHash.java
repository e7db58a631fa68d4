package org.bioinstruct.filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bioinstruct.schemas.text.ContentNormalization;
import org.bioinstruct.schemas.avro.RawInstruction;

/**
 * The exact-duplicate key: the first 128 bits of SHA-256 over instruction and input, each under
 * {@link ContentNormalization} (the generator avoids repeats by the same definition). Equal content always hashes equal, so
 * it always lands on the same partition; the key has a fixed size (32 hex characters), which bounds the
 * dedup state per task.
 */
public final class ContentHash {
    private static final int KEY_BYTES = 16;

    private ContentHash() {
    }

    public static String of(RawInstruction task) {
        return of(task.getInstruction(), task.getInput());
    }

    public static String of(String instruction, String input) {
        String content = normalize(instruction) + "\u0000" + normalize(input);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, KEY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String normalize(String text) {
        return ContentNormalization.normalize(text);
    }
}
