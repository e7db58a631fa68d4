package org.bioinstruct.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void badOptionsFailNamingTheOption() {
        assertEquals("--out", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--pretrain-steps", "5"})).key());
        assertEquals("--pretrain-steps", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--out", "x", "--pretrain-steps", "many"})).key());
        assertEquals("--steps", assertThrows(InvalidConfigException.class,
                () -> TinyBaseModelCommand.main(new String[] {"--steps", "5"})).key());
    }
}
