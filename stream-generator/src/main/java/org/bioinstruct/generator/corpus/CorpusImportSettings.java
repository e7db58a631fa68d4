package org.bioinstruct.generator.corpus;

import java.nio.file.Path;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * The corpus importer's validated settings; building them fails fast naming the bad key.
 *
 * @param format  {@code import.format}, required: conll, re-tsv, nli, mcqa or instructions
 * @param file    {@code import.file}, required
 * @param options {@code import.ner.output} (tags, entities, mixed; default mixed),
 *                {@code import.ner.entity.type} (default: from the tags), {@code import.seed} (default 13)
 */
public record CorpusImportSettings(CorpusFormat format, Path file, CorpusOptions options) {
    public static final String FORMAT = "import.format";
    public static final String FILE = "import.file";
    public static final String NER_OUTPUT = "import.ner.output";
    public static final String NER_ENTITY_TYPE = "import.ner.entity.type";
    public static final String SEED = "import.seed";

    public static CorpusImportSettings from(Settings settings) {
        String formatName = settings.string(FORMAT);
        CorpusFormat format;
        try {
            format = CorpusFormat.parse(formatName);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(FORMAT, formatName, "unknown corpus format; valid: "
                    + CorpusFormat.validNames());
        }
        String outputName = settings.string(NER_OUTPUT, NerOutput.MIXED.name());
        NerOutput nerOutput;
        try {
            nerOutput = NerOutput.parse(outputName);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(NER_OUTPUT, outputName, "expected tags, entities or mixed");
        }
        return new CorpusImportSettings(format, Path.of(settings.string(FILE)), new CorpusOptions(nerOutput,
                settings.string(NER_ENTITY_TYPE, ""),
                settings.longValue(SEED, CorpusOptions.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE)));
    }

    /** Opens the file; fails with a {@link CorpusFileException} naming the path if it cannot be read. */
    public CorpusBackend createBackend() {
        return new CorpusBackend(format, file, options);
    }
}
