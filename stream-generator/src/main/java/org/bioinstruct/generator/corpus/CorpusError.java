package org.bioinstruct.generator.corpus;

/**
 * A record the importer skipped.
 *
 * @param file   the corpus file's name
 * @param line   the line (1-based) where the bad record or the offending line is
 * @param reason what is wrong with it
 */
public record CorpusError(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
