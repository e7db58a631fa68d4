package org.bioinstruct.generator.corpus;

import java.util.Optional;
import org.bioinstruct.generator.CandidateTask;

/** A reader for formats with one record per line; blank lines are skipped. */
abstract class LineRecordReader implements CorpusReader {
    private final LineCursor lines;
    private final CorpusErrorListener errors;

    LineRecordReader(LineCursor lines, CorpusErrorListener errors) {
        this.lines = lines;
        this.errors = errors;
    }

    @Override
    public Optional<CandidateTask> next() {
        String line;
        while ((line = lines.nextLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            int number = lines.lineNumber();
            try {
                Optional<CandidateTask> task = parse(line, number, lines.origin(number));
                if (task.isPresent()) {
                    return task;
                }
            } catch (MalformedRecordException e) {
                errors.onError(lines.error(number, e.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * The task for one non-blank line, empty for a line that holds no record (e.g. a header).
     *
     * @throws MalformedRecordException when the line is not a valid record
     */
    abstract Optional<CandidateTask> parse(String line, int lineNumber, String origin);

    @Override
    public void close() {
        lines.close();
    }
}
