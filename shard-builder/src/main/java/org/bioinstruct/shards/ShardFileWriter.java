package org.bioinstruct.shards;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a shard file per the shard file contract (JSONL, UTF-8, one object per line with exactly id,
 * instruction, input, output, category, source). Atomic: the bytes go to a hidden temp file in the same
 * directory, are fsynced, then renamed over the final name, so a reader never sees a partial shard and
 * a rewrite of the same name after a restore replaces it whole.
 */
public final class ShardFileWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    public ShardFileWriter(Path directory) {
        this.directory = directory;
    }

    public WrittenShard write(String fileName, List<InstructionExample> examples) throws IOException {
        byte[] bytes = encode(examples);
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName);
        Path temp = Files.createTempFile(directory, "." + fileName + ".", ".tmp");
        try {
            writeDurably(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory();
        return new WrittenShard(target.toAbsolutePath(), sha256Hex(bytes), bytes.length);
    }

    static byte[] encode(List<InstructionExample> examples) throws JsonProcessingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (InstructionExample example : examples) {
            out.writeBytes(JSON.writeValueAsBytes(ShardLine.of(example)));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes the rename itself durable; some file systems cannot open a directory, which then is a no-op. */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort: the file's own bytes are already fsynced
        }
    }

    @JsonPropertyOrder({"id", "instruction", "input", "output", "category", "source"})
    record ShardLine(String id, String instruction, String input, String output, String category, String source) {
        static ShardLine of(InstructionExample e) {
            return new ShardLine(e.id(), e.instruction(), e.input(), e.output(), e.category(), e.source());
        }
    }
}
