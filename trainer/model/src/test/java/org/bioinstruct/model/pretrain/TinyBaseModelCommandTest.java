package org.bioinstruct.model.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyBaseModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void createsAPreTrainedModelForTheGivenSeed() throws Exception {
        Path out = dir.resolve("tiny");
        TinyBaseModelCommand.main(new String[] {"--out", out.toString(), "--pretrain-steps", "3", "--seed", "11"});
        BaseModel untrained = BaseModels.createOrLoad(dir.resolve("untrained"), 11);

        BaseModel base = BaseModels.load(out);
        assertArrayEquals(Files.readAllBytes(untrained.dir().resolve("tokenizer.json")),
                Files.readAllBytes(out.resolve("tokenizer.json")), "tokenizer of seed 11");
        assertNotEquals(untrained.weights(), base.weights(), "weights moved by pre-training");
        try (LanguageModel model = LanguageModel.create(base)) {
            assertEquals(base.config().vocabSize(), model.tokenizer().vocabSize());
        }
    }

    @Test
    void aCorpusFileTrainsTheTokenizerOnItsText() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            StringBuilder words = new StringBuilder("\"hydroxychloroquine for lupus");
            for (int w = 0; w < 6; w++) {
                words.append(' ');
                for (int c = random.nextInt(3, 9); c > 0; c--) {
                    words.append((char) ('a' + random.nextInt(26)));
                }
            }
            corpus.append(words).append("\"\n");
        }
        Path file = Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Path out = dir.resolve("domain");
        TinyBaseModelCommand.main(new String[] {"--out", out.toString(), "--corpus", file.toString()});
        BaseModel builtIn = BaseModels.createOrLoad(dir.resolve("built-in"), 7);

        try (LanguageModel domain = LanguageModel.create(BaseModels.load(out));
             LanguageModel general = LanguageModel.create(builtIn)) {
            int domainTokens = domain.tokenizer().encode("hydroxychloroquine for lupus").length;
            int generalTokens = general.tokenizer().encode("hydroxychloroquine for lupus").length;
            assertTrue(domainTokens < generalTokens, domainTokens + " domain tokens vs " + generalTokens);
        }
    }

    @Test
    void writesAModelOfTheRequestedWidthAndDepth() throws Exception {
        Path out = dir.resolve("wide");
        TinyBaseModelCommand.main(new String[] {"--out", out.toString(), "--hidden-size", "96", "--layers", "3"});

        BaseModel base = BaseModels.load(out);
        assertEquals(96, base.config().hiddenSize());
        assertEquals(3, base.config().numHiddenLayers());
        assertEquals(6, base.config().numAttentionHeads());
        assertTrue(base.weights().containsKey("model.layers.2.self_attn.q_proj.weight"), "third layer's weights");
        try (LanguageModel model = LanguageModel.create(base)) {
            assertEquals(base.config().vocabSize(), model.tokenizer().vocabSize());
        }
    }

    @Test
    void badOptionsFailNamingTheOption() {
        assertEquals("--hidden-size", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--out", "x", "--hidden-size", "80"})).key());
        assertEquals("--layers", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--out", "x", "--layers", "0"})).key());
        assertEquals("--out", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--pretrain-steps", "5"})).key());
        assertEquals("--pretrain-steps", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--out", "x", "--pretrain-steps", "many"})).key());
        assertEquals("--steps", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--steps", "5"})).key());
    }
}
