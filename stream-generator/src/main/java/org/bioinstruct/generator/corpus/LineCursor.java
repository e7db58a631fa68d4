package org.bioinstruct.generator.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a corpus file line by line (UTF-8, bad bytes replaced), keeping the line number for error reports. */
final class LineCursor implements AutoCloseable {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final String fileName;
    private final BufferedReader reader;
    private int lineNumber;
    private boolean closed;

    private LineCursor(Path file, BufferedReader reader) {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.reader = reader;
    }

    static LineCursor open(Path file) {
        if (!Files.exists(file)) {
            throw new CorpusFileException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new CorpusFileException(file, "is a directory, expected a file");
        }
        if (!Files.isReadable(file)) {
            throw new CorpusFileException(file, "not readable");
        }
        try {
            return new LineCursor(file, new BufferedReader(
                    new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new CorpusFileException(file, "cannot open: " + e.getMessage(), e);
        }
    }

    /** The next line without its terminator, or null at the end of the file (or once closed). */
    String nextLine() {
        if (closed) {
            return null;
        }
        String line;
        try {
            line = reader.readLine();
        } catch (IOException e) {
            throw new CorpusFileException(file, "read failed after line " + lineNumber + ": " + e.getMessage(), e);
        }
        if (line == null) {
            return null;
        }
        lineNumber++;
        return lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
    }

    /** The number of the line {@link #nextLine()} returned last. */
    int lineNumber() {
        return lineNumber;
    }

    String fileName() {
        return fileName;
    }

    String origin(int line) {
        return fileName + ":" + line;
    }

    CorpusError error(int line, String reason) {
        return new CorpusError(fileName, line, reason);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new CorpusFileException(file, "close failed: " + e.getMessage(), e);
        }
    }
}
