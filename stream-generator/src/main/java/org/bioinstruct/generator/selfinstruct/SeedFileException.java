package org.bioinstruct.generator.selfinstruct;

/** A seed file line is unusable; the message reads {@code file:line: reason}. */
public final class SeedFileException extends IllegalArgumentException {
    private final String file;
    private final int line;

    public SeedFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
