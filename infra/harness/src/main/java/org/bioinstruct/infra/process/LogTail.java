package org.bioinstruct.infra.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The last lines of a log file. */
public final class LogTail {
    private LogTail() {
    }

    public static String of(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The last match of {@code pattern} in the last {@code lines} lines of {@code log}; fails naming both if none. */
    public static Matcher lastMatch(Pattern pattern, Path log, int lines) {
        Matcher found = null;
        for (String line : of(log, lines).split("\\R")) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                found = m;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no line matching " + pattern + " in " + log);
        }
        return found;
    }
}
