package org.bioinstruct.infra.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A run that starts its own stack never reuses a directory: what is in it is an earlier run's, or someone's files. */
public final class EmptyDataDir {
    private EmptyDataDir() {
    }

    /**
     * Creates {@code dataDir} when missing; fails when it holds anything.
     *
     * @param what the run, for the message, e.g. "the demo"
     */
    public static void require(Path dataDir, String what) {
        try {
            if (Files.isDirectory(dataDir)) {
                try (Stream<Path> entries = Files.list(dataDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException(dataDir + " is not empty (an earlier, unfinished run or other "
                                + "files); " + what + " starts from an empty directory: choose a new --data-dir");
                    }
                }
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
