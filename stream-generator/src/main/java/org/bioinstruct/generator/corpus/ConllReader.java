package org.bioinstruct.generator.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bioinstruct.generator.CandidateTask;

/**
 * CoNLL/BIO NER: one {@code token<TAB>tag} (or space-separated; with more columns the first is the token
 * and the last the tag) per line, a blank line between sentences, {@code -DOCSTART-} lines ignored.
 * A sentence with a bad line is reported at that line and skipped whole.
 */
final class ConllReader implements CorpusReader {
    private static final String DOCSTART = "-DOCSTART-";
    private static final Pattern TAB = Pattern.compile("\t+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final LineCursor lines;
    private final CorpusErrorListener errors;
    private final NerTaskWriter writer;
    private boolean atEnd;

    ConllReader(LineCursor lines, CorpusOptions options, CorpusErrorListener errors) {
        this.lines = lines;
        this.errors = errors;
        this.writer = new NerTaskWriter(options);
    }

    @Override
    public Optional<CandidateTask> next() {
        while (!atEnd) {
            Optional<CandidateTask> task = nextSentence();
            if (task.isPresent()) {
                return task;
            }
        }
        return Optional.empty();
    }

    private Optional<CandidateTask> nextSentence() {
        List<String> tokens = new ArrayList<>();
        List<BioTag> tags = new ArrayList<>();
        int firstLine = 0;
        CorpusError problem = null;
        String line;
        while ((line = lines.nextLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith(DOCSTART)) {
                if (firstLine > 0) {
                    break;
                }
                continue;
            }
            if (firstLine == 0) {
                firstLine = lines.lineNumber();
            }
            if (problem == null) {
                problem = addTokenLine(trimmed, tokens, tags);
            }
        }
        atEnd = line == null;
        if (firstLine == 0) {
            return Optional.empty();
        }
        if (problem != null) {
            errors.onError(problem);
            return Optional.empty();
        }
        return Optional.of(writer.task(tokens, tags, lines.origin(firstLine)));
    }

    /** Adds the line's token and tag; returns the error if the line is malformed, else null. */
    private CorpusError addTokenLine(String line, List<String> tokens, List<BioTag> tags) {
        String[] columns = (line.indexOf('\t') >= 0 ? TAB : WHITESPACE).split(line);
        if (columns.length < 2) {
            return lines.error(lines.lineNumber(), "expected a token and a BIO tag separated by a tab or space, found '"
                    + line + "'");
        }
        try {
            tags.add(BioTag.parse(columns[columns.length - 1].strip()));
        } catch (MalformedRecordException e) {
            return lines.error(lines.lineNumber(), e.getMessage());
        }
        tokens.add(columns[0].strip());
        return null;
    }

    @Override
    public void close() {
        lines.close();
    }
}
