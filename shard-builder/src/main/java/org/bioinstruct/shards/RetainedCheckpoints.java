package org.bioinstruct.shards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds where to resume: the newest completed checkpoint ({@code <dir>/<job id>/chk-N/_metadata}) or
 * stop savepoint ({@code <dir>/savepoints/savepoint-.../_metadata}) under the checkpoint directory.
 * A {@code chk-N} without {@code _metadata} was never completed and is skipped.
 */
public final class RetainedCheckpoints {
    private static final Pattern SNAPSHOT_DIR = Pattern.compile("chk-\\d+|savepoint-.+");
    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {
    }

    public static Optional<Path> newest(Path checkpointDirectory) {
        if (!Files.isDirectory(checkpointDirectory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(checkpointDirectory, 3, (path, attrs) ->
                attrs.isRegularFile() && path.getFileName().toString().equals(METADATA)
                        && SNAPSHOT_DIR.matcher(path.getParent().getFileName().toString()).matches())) {
            return files.max(Comparator.comparing(RetainedCheckpoints::modified)
                            .thenComparingLong(RetainedCheckpoints::checkpointNumber))
                    .map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan checkpoint directory " + checkpointDirectory, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long checkpointNumber(Path metadata) {
        String dir = metadata.getParent().getFileName().toString();
        return dir.startsWith("chk-") ? Long.parseLong(dir.substring(4)) : -1;
    }
}
