package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class CorpusImportSettingsTest {
    private static final Settings REQUIRED = Settings.of(Map.of(
            "import.format", "conll", "import.file", "/data/ncbi-disease/train.tsv"));

    @Test
    void defaultsToMixedNerOutputTypesFromTagsAndSeed13() {
        CorpusImportSettings settings = CorpusImportSettings.from(REQUIRED);
        assertEquals(CorpusFormat.CONLL, settings.format());
        assertEquals(Path.of("/data/ncbi-disease/train.tsv"), settings.file());
        assertEquals(new CorpusOptions(NerOutput.MIXED, "", 13), settings.options());
    }

    @Test
    void readsEveryKey() {
        CorpusImportSettings settings = CorpusImportSettings.from(REQUIRED.with(Map.of("import.format", "MCQA",
                "import.ner.output", "Entities", "import.ner.entity.type", "Disease", "import.seed", "99")));
        assertEquals(CorpusFormat.MCQA, settings.format());
        assertEquals(new CorpusOptions(NerOutput.ENTITIES, "Disease", 99), settings.options());
    }

    @Test
    void unknownFormatIsAConfigErrorNamingTheKeyAndTheValidFormats() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> CorpusImportSettings.from(REQUIRED.with("import.format", "brat")));
        assertEquals("import.format", e.key());
        assertTrue(e.getMessage().contains("conll, re-tsv, nli, mcqa, instructions"), e.getMessage());
    }

    @Test
    void missingFileAndBadValuesAreConfigErrorsNamingTheirKeys() {
        assertEquals("import.file", assertThrows(InvalidConfigException.class,
                () -> CorpusImportSettings.from(Settings.of(Map.of("import.format", "nli")))).key());
        assertEquals("import.ner.output", assertThrows(InvalidConfigException.class,
                () -> CorpusImportSettings.from(REQUIRED.with("import.ner.output", "spans"))).key());
        assertEquals("import.seed", assertThrows(InvalidConfigException.class,
                () -> CorpusImportSettings.from(REQUIRED.with("import.seed", "thirteen"))).key());
    }

    @Test
    void createsABackendOverTheConfiguredFile() {
        Settings settings = Settings.of(Map.of("import.format", "nli",
                "import.file", Fixtures.path("mednli-sample.jsonl").toString()));
        try (CorpusBackend backend = CorpusImportSettings.from(settings).createBackend()) {
            assertEquals("corpus:nli:mednli-sample.jsonl", backend.source());
            assertEquals(12, backend.nextBatch(100).size());
        }
    }
}
