package org.bioinstruct.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFormatTest {
    @TempDir
    static Path dir;
    static TextTokenizer tokenizer;

    @BeforeAll
    static void tinyTokenizer() throws IOException {
        tokenizer = BaseModels.createOrLoad(dir.resolve("base"), 7).openTokenizer();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void includesInputSectionOnlyWhenPresent() {
        assertEquals("### Instruction:\nName it.\n\n### Input:\nA cell.\n\n### Response:\n",
                PromptFormat.prompt("Name it.", "A cell."));
        assertEquals("### Instruction:\nName it.\n\n### Response:\n", PromptFormat.prompt("Name it.", ""));
    }

    @Test
    void encodesBosPromptResponseEos() {
        Example example = new Example("1", "Say hi.", "", "hi there", Category.GEN, "test");
        PromptFormat.TokenSequence seq = PromptFormat.encode(example, tokenizer, 256);
        int[] tokens = seq.tokens();

        assertEquals(tokenizer.bosId(), tokens[0]);
        assertEquals(tokenizer.eosId(), tokens[tokens.length - 1]);
        assertEquals("hi there", tokenizer.decode(Arrays.copyOfRange(tokens, seq.responseStart(), tokens.length)));
        assertEquals(PromptFormat.prompt(example), tokenizer.decode(Arrays.copyOfRange(tokens, 1, seq.responseStart())));
    }

    @Test
    void truncatesLongExamplesButKeepsResponseHeaderAndSomeResponse() {
        Example example = new Example("1", "x".repeat(500), "y".repeat(300), "z".repeat(400), Category.QA, "test");
        PromptFormat.TokenSequence seq = PromptFormat.encode(example, tokenizer, 64);

        assertEquals(65, seq.tokens().length);
        String prompt = tokenizer.decode(Arrays.copyOfRange(seq.tokens(), 1, seq.responseStart()));
        assertTrue(prompt.endsWith("### Response:\n"), prompt);
        assertTrue(seq.tokens().length - seq.responseStart() >= 32);
    }
}
