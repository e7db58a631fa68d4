package org.bioinstruct.generator.corpus;

import java.nio.file.Path;
import java.util.Optional;
import org.bioinstruct.generator.CandidateTask;

/**
 * Streams one corpus file as candidate tasks, one record at a time. Each task's origin is
 * {@code <file name>:<line>} (the record's first line). Malformed records go to the
 * {@link CorpusErrorListener} and are skipped.
 */
public interface CorpusReader extends AutoCloseable {

    /** The next task, or empty at the end of the file. */
    Optional<CandidateTask> next();

    @Override
    void close();

    /** Opens {@code file}; fails with a {@link CorpusFileException} naming the path if it cannot be read. */
    static CorpusReader open(CorpusFormat format, Path file, CorpusOptions options, CorpusErrorListener errors) {
        LineCursor lines = LineCursor.open(file);
        return switch (format) {
            case CONLL -> new ConllReader(lines, options, errors);
            case RE_TSV -> new RelationTsvReader(lines, options, errors);
            case NLI -> new NliReader(lines, options, errors);
            case MCQA -> new McqaReader(lines, options, errors);
            case INSTRUCTIONS -> new InstructionReader(lines, errors);
        };
    }
}
