package org.bioinstruct.generator.corpus;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The corpus file formats the importer turns into instructions, named as in {@code import.format}. */
public enum CorpusFormat {
    CONLL("conll"),
    RE_TSV("re-tsv"),
    NLI("nli"),
    MCQA("mcqa"),
    INSTRUCTIONS("instructions");

    private final String id;

    CorpusFormat(String id) {
        this.id = id;
    }

    /** The name used in settings, sources and prompt versions, e.g. {@code re-tsv}. */
    public String id() {
        return id;
    }

    /** Parses a format name in any case; an unknown name fails with a message listing the valid ones. */
    public static CorpusFormat parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown corpus format '" + name + "'; valid formats: " + validNames()));
    }

    public static String validNames() {
        return Arrays.stream(values()).map(CorpusFormat::id).collect(Collectors.joining(", "));
    }
}
