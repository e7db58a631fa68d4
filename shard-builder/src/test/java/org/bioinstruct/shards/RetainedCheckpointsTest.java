package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void findsNothingInAMissingOrEmptyDirectory() throws Exception {
        assertEquals(Optional.empty(), RetainedCheckpoints.newest(dir.resolve("absent")));
        Files.createDirectories(dir.resolve("job-a/chk-3"));
        assertEquals(Optional.empty(), RetainedCheckpoints.newest(dir));
    }

    @Test
    void picksTheNewestCompletedSnapshotAcrossJobs() throws Exception {
        snapshot("job-a/chk-9", 1_000);
        snapshot("job-b/chk-4", 3_000);
        snapshot("job-b/chk-3", 2_000);
        Files.createDirectories(dir.resolve("job-b/chk-5"));

        assertEquals(Optional.of(dir.resolve("job-b/chk-4")), RetainedCheckpoints.newest(dir));
    }

    @Test
    void prefersALaterStopSavepointOverOlderCheckpoints() throws Exception {
        snapshot("job-a/chk-12", 1_000);
        snapshot("savepoints/savepoint-abc123-0123456789ab", 2_000);

        assertEquals(Optional.of(dir.resolve("savepoints/savepoint-abc123-0123456789ab")),
                RetainedCheckpoints.newest(dir));
    }

    private void snapshot(String relative, long modifiedMillis) throws Exception {
        Path metadata = Files.createDirectories(dir.resolve(relative)).resolve("_metadata");
        Files.write(metadata, new byte[] {1});
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMillis));
    }
}
