package org.bioinstruct.generator.corpus;

/** Told about every malformed record a {@link CorpusReader} skips. */
@FunctionalInterface
public interface CorpusErrorListener {

    CorpusErrorListener IGNORE = error -> { };

    void onError(CorpusError error);
}
