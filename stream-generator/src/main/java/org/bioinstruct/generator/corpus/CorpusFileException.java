package org.bioinstruct.generator.corpus;

import java.nio.file.Path;

/** A corpus file that is missing, unreadable, or fails while being read; the message names the path. */
public final class CorpusFileException extends RuntimeException {
    private final Path path;

    public CorpusFileException(Path path, String problem, Throwable cause) {
        super("corpus file " + path.toAbsolutePath() + ": " + problem, cause);
        this.path = path;
    }

    public CorpusFileException(Path path, String problem) {
        this(path, problem, null);
    }

    public Path path() {
        return path;
    }
}
