package org.bioinstruct.shards;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;

/**
 * The directory shard files live in, through Flink's file system abstraction ({@code file://} here, any
 * Flink file system such as {@code s3://} in a cluster). Writes are atomic: Flink's recoverable writer puts
 * the bytes in an in-progress file ({@code .<name>.inprogress.<uuid>} locally, a multipart upload on S3),
 * they are synced, and only the commit makes them visible under the final name, replacing a file of that
 * name whole. A reader never sees a partial shard.
 */
public final class ShardStore {
    private final String uri;
    private final Path directory;
    private final FileSystem fs;
    private RecoverableWriter writer;

    public ShardStore(String uri) throws IOException {
        this.uri = uri;
        this.directory = new Path(uri);
        this.fs = directory.getFileSystem();
    }

    public String uri() {
        return uri;
    }

    public WrittenShard write(String fileName, byte[] bytes) throws IOException {
        if (writer == null) {
            fs.mkdirs(directory);
            writer = fs.createRecoverableWriter();
        }
        RecoverableFsDataOutputStream out = writer.open(new Path(directory, fileName));
        try {
            out.write(bytes);
            out.flush();
            out.sync();
            out.closeForCommit().commit();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        syncLocalDirectory();
        return new WrittenShard(uri + "/" + fileName, sha256Hex(bytes), bytes.length);
    }

    /** Names of the files in the store (none if it does not exist yet). */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        if (!fs.exists(directory)) {
            return names;
        }
        FileStatus[] statuses = fs.listStatus(directory);
        if (statuses != null) {
            for (FileStatus status : statuses) {
                if (!status.isDir()) {
                    names.add(status.getPath().getName());
                }
            }
        }
        return names;
    }

    public void delete(String fileName) throws IOException {
        fs.delete(new Path(directory, fileName), false);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Makes the rename itself durable on a local disk; object stores need nothing (and have no directory). */
    private void syncLocalDirectory() {
        if (fs.isDistributedFS() || !"file".equals(directory.toUri().getScheme())) {
            return;
        }
        try (FileChannel channel = FileChannel.open(java.nio.file.Path.of(directory.toUri()),
                StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort: the file's own bytes are already synced
        }
    }
}
