package org.bioinstruct.generator.corpus;

import java.util.Objects;

/**
 * How records become tasks.
 *
 * @param nerOutput      CoNLL answers as tags, entity lists, or either (chosen per sentence)
 * @param nerEntityType  when not blank, names every CoNLL entity (e.g. for corpora tagged just B/I/O);
 *                       otherwise types come from the tags
 * @param seed           mixed into every per-sample choice (template, NER output); same seed, same tasks
 */
public record CorpusOptions(NerOutput nerOutput, String nerEntityType, long seed) {
    public static final long DEFAULT_SEED = 13;

    public CorpusOptions {
        Objects.requireNonNull(nerOutput, "nerOutput");
        nerEntityType = nerEntityType == null ? "" : nerEntityType.trim();
    }

    public static CorpusOptions defaults() {
        return new CorpusOptions(NerOutput.MIXED, "", DEFAULT_SEED);
    }

    public CorpusOptions withSeed(long newSeed) {
        return new CorpusOptions(nerOutput, nerEntityType, newSeed);
    }
}
