package org.bioinstruct.shards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bioinstruct.schemas.testkit.Await;

/**
 * Completed checkpoints of a job under its local checkpoint directory: {@code <job id>/chk-N} holding
 * {@code _metadata} (Flink writes it last). The manifests of a checkpoint are committed when it completes, so
 * once two more checkpoints completed than were there when everything was seen committed, anything the job
 * still had in flight at that moment has been committed too.
 */
final class CompletedCheckpoints {
    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private CompletedCheckpoints() {
    }

    /** The highest completed checkpoint number under {@code directory}, across jobs; 0 when none completed. */
    static long newest(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.find(directory, 3, (path, attrs) -> attrs.isRegularFile()
                && path.getFileName().toString().equals("_metadata"))) {
            return files.map(path -> CHECKPOINT.matcher(path.getParent().getFileName().toString()))
                    .filter(Matcher::matches).mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
        }
    }

    /** Waits until two checkpoints newer than the newest completed one now have completed. */
    static void awaitTwoMore(Path directory, Duration timeout) throws IOException {
        long now = newest(directory);
        Await.until("checkpoint " + (now + 2) + " completed in " + directory, timeout,
                () -> newest(directory) >= now + 2);
    }
}
