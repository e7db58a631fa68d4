package org.bioinstruct.infra.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.shards.ShardFileFormat;

/**
 * Every shard file named by a manifest exists, has the manifest's sha256 and size, and holds the manifest's
 * record count (lines of JSONL, gzipped or not; rows of Parquet), which also equals its id list's length.
 */
final class ShardFileCheck {
    private ShardFileCheck() {
    }

    static void run(PipelineState state, Findings findings) {
        long verified = 0;
        for (ShardManifest manifest : state.manifests) {
            if (check(manifest, findings)) {
                verified++;
            }
        }
        findings.count("shardFilesVerified", verified);
    }

    private static boolean check(ShardManifest manifest, Findings findings) {
        String shard = manifest.getShardId();
        if (manifest.getRecordCount() != manifest.getInstructionIds().size()) {
            findings.mismatch(MismatchKind.RECORD_COUNT_MISMATCH, shard + ": manifest counts "
                    + manifest.getRecordCount() + " records but lists " + manifest.getInstructionIds().size() + " ids");
            return false;
        }
        Path file;
        try {
            file = path(manifest.getUri());
        } catch (IllegalArgumentException e) {
            findings.mismatch(MismatchKind.SHARD_FILE_MISSING, shard + ": cannot resolve " + manifest.getUri()
                    + " (" + e.getMessage() + ")");
            return false;
        }
        if (!Files.isRegularFile(file)) {
            findings.mismatch(MismatchKind.SHARD_FILE_MISSING, shard + ": no file " + file);
            return false;
        }
        try {
            return matches(manifest, file, findings);
        } catch (IOException | ShardFile.ShardFileException e) {
            findings.mismatch(MismatchKind.SHARD_FILE_MISSING, shard + ": cannot read " + file + " (" + e + ")");
            return false;
        }
    }

    private static boolean matches(ShardManifest manifest, Path file, Findings findings) throws IOException {
        String shard = manifest.getShardId();
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equalsIgnoreCase(manifest.getSha256()) || size != manifest.getByteSize()) {
            findings.mismatch(MismatchKind.CHECKSUM_MISMATCH, shard + ": " + file + " has sha256 " + actual + " and "
                    + size + " bytes, manifest says " + manifest.getSha256() + " and " + manifest.getByteSize());
            return false;
        }
        long records = records(manifest.getFormat(), file);
        if (records != manifest.getRecordCount()) {
            findings.mismatch(MismatchKind.RECORD_COUNT_MISMATCH, shard + ": " + file + " holds " + records
                    + " records, manifest says " + manifest.getRecordCount());
            return false;
        }
        return true;
    }

    private static long records(String format, Path file) throws IOException {
        ShardFileFormat shardFormat = ShardFileFormat.of(format);
        if (shardFormat == ShardFileFormat.PARQUET) {
            return ParquetFooter.rowCount(file);
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = shardFormat == ShardFileFormat.JSONL_GZ ? new GZIPInputStream(raw, 64 * 1024) : raw) {
            return lines(in);
        }
    }

    private static long lines(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long lines = 0;
        int last = '\n';
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            if (n > 0) {
                last = buffer[n - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    /** A file URI, or a plain path. */
    static Path path(String uri) {
        URI parsed = URI.create(uri);
        if (parsed.getScheme() == null) {
            return Path.of(uri);
        }
        if (!"file".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("the audit reads file: URIs only");
        }
        return Path.of(parsed);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
